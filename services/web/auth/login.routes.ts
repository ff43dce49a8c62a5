import express, { type Response } from 'express';
import { loginBody } from '../../accounts/account.schemas';
import type { AccountService } from '../../accounts/account.service';
import type { Principal, TokenService } from '../../auth/token.service';
import { mfaLoginBody } from '../../accounts/two-step.schemas';
import { AppError } from '../../shared/app-error';
import { PAGES } from '../../shared/page-paths';
import { isStaff, nextFits, safeNext, type SessionCookies } from '../../http/session';
import { ANSWERED, postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { clientIp } from './client-ip';

const LOGIN_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login.' },
  { name: 'password', label: 'Hasło', required: 'Wpisz hasło.' },
];

const CODE_FIELDS: FieldSpec[] = [{ name: 'code', label: 'Kod z aplikacji', required: 'Wpisz kod z aplikacji.' }];

const LOGIN_NOTICES: Record<string, string> = {
  'kod-wygasl': 'Czas na wpisanie kodu minął. Zaloguj się jeszcze raz.',
  'dwuetapowe-wlaczone': 'Logowanie dwuetapowe jest włączone. Zaloguj się ponownie — po haśle wpiszesz kod z aplikacji.',
  aktywowano: 'Konto zostało aktywowane, a skrzynka kontaktowa jest gotowa. Zaloguj się.',
  wylogowano: 'Wylogowano. Do zobaczenia!',
  'haslo-zmienione': 'Hasło zostało zmienione. Zaloguj się nowym hasłem.',
  'konto-usuniete': 'Konto zostało usunięte. Dziękujemy za korzystanie z usługi.',
};

/** Logging in (then on to `next`, when it is a page for the role) and logging out. */
export function loginRoutes(accounts: AccountService, tokens: TokenService, cookies: SessionCookies): express.Router {
  const router = express.Router();

  /** The session cookie of a finished login, and where the person goes on to. */
  const startSession = async (res: Response, token: { accessToken: string; expiresIn: number }, next: string | null): Promise<string> => {
    const principal = await tokens.verify(token.accessToken);
    cookies.set(res, token.accessToken, token.expiresIn);
    return principal === null ? PAGES.inbox : landingOf(principal, next);
  };

  router.get(PAGES.login, (req, res) => {
    const session = res.locals.session ?? null;
    const next = safeNext(req.query.next);
    if (session) {
      res.redirect(303, landingOf(session.principal, next));
      return;
    }
    const noticeKey = Object.keys(LOGIN_NOTICES).find((k) => req.query[k] !== undefined);
    const notice = noticeKey ? LOGIN_NOTICES[noticeKey] : next ? 'Aby zobaczyć tę stronę, zaloguj się.' : null;
    loginPage(res, new WebForm(LOGIN_FIELDS), next, notice);
  });

  router.post(PAGES.login, (req, res) => {
    const next = safeNext((req.body as Record<string, unknown>)?.next);
    return postForm(res, {
      form: WebForm.from(LOGIN_FIELDS, req.body),
      parse: (form) => form.parse(loginBody, { login: form.values.login ?? '', password: form.values.password ?? '' }),
      act: async (input) => {
        try {
          const result = await accounts.login(input.login, input.password, clientIp(req));
          if ('mfaRequired' in result) {
            // The second step's page, answered here: its token rides in the form, never in an address.
            codePage(res, new WebForm(CODE_FIELDS), result.mfaToken, next);
            return ANSWERED;
          }
          return startSession(res, result, next);
        } catch (error) {
          // The password was right (it is checked first): the way on is the activation page, login filled in.
          if (error instanceof AppError && error.code === 'account_not_active') return `${PAGES.activation}?login=${encodeURIComponent(input.login)}&nieaktywne=1`;
          throw error;
        }
      },
      show: (form, status) => loginPage(res, form, next, null, status),
    });
  });

  router.post(PAGES.loginCode, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    const mfaToken = typeof body.mfaToken === 'string' ? body.mfaToken : '';
    return postForm(res, {
      form: WebForm.from(CODE_FIELDS, req.body),
      parse: (form) => form.parse(mfaLoginBody, { mfaToken, code: form.values.code ?? '' }),
      act: async (input) => {
        try {
          return await startSession(res, await accounts.twoStep.completeLogin(input.mfaToken, input.code, clientIp(req)), next);
        } catch (error) {
          // The five minutes are over or the login was finished already: the first step again.
          if (error instanceof AppError && error.code === 'unauthorized') return `${PAGES.login}?kod-wygasl=1${next ? `&next=${encodeURIComponent(next)}` : ''}`;
          throw error;
        }
      },
      show: (form, status) => codePage(res, form, mfaToken, next, status),
    });
  });

  router.post(PAGES.logout, async (req, res) => {
    const session = res.locals.session;
    if (session) await accounts.logout(session.principal, clientIp(req));
    cookies.clear(res);
    res.redirect(303, `${PAGES.login}?wylogowano=1`);
  });

  return router;
}

/**
 * Where a logged-in person goes: `next` when it is a page for their role, else staff to the office
 * and citizens to their inbox; one who must set up two-step login first, to its set-up page.
 */
function landingOf(principal: Principal, next: string | null): string {
  const { role } = principal;
  if (principal.setupOnly) return PAGES.twoStepSetup;
  return next !== null && nextFits(next, role) ? next : isStaff(role) ? PAGES.office : PAGES.inbox;
}

/** The login's second step: the code from the authenticator app. */
function codePage(res: Response, form: WebForm, mfaToken: string, next: string | null, status = 200): void {
  sendFormPage(
    res,
    'logowanie-kod',
    form,
    {
      title: 'Kod z aplikacji',
      mfaToken,
      next,
      fields: { code: form.field('code', { autocomplete: 'one-time-code', hint: '6 cyfr, które aplikacja uwierzytelniająca (np. Google Authenticator, Microsoft Authenticator, FreeOTP) pokazuje teraz dla tego konta.', extraClass: 'field--short' }) },
    },
    status,
  );
}

function loginPage(res: Response, form: WebForm, next: string | null, notice: string | null, status = 200): void {
  sendFormPage(
    res,
    'logowanie',
    form,
    {
      title: 'Zaloguj się',
      notice,
      next,
      fields: {
        login: form.field('login', { autocomplete: 'username' }),
        password: form.field('password', { type: 'password', autocomplete: 'current-password' }),
      },
    },
    status,
  );
}
