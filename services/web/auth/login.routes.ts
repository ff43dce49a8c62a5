import express, { type Response } from 'express';
import { loginBody } from '../../accounts/account.schemas';
import type { AccountService } from '../../accounts/account.service';
import type { TokenService } from '../../auth/token.service';
import type { Role } from '../../../entities/user.entity';
import { AppError } from '../../shared/app-error';
import { PAGES } from '../../shared/page-paths';
import { isStaff, nextFits, safeNext, type SessionCookies } from '../../http/session';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { clientIp } from './client-ip';

const LOGIN_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login.' },
  { name: 'password', label: 'Hasło', required: 'Wpisz hasło.' },
];

const LOGIN_NOTICES: Record<string, string> = {
  aktywowano: 'Konto zostało aktywowane, a skrzynka kontaktowa jest gotowa. Zaloguj się.',
  wylogowano: 'Wylogowano. Do zobaczenia!',
  'haslo-zmienione': 'Hasło zostało zmienione. Zaloguj się nowym hasłem.',
  'konto-usuniete': 'Konto zostało usunięte. Dziękujemy za korzystanie z usługi.',
};

/** Logging in (then on to `next`, when it is a page for the role) and logging out. */
export function loginRoutes(accounts: AccountService, tokens: TokenService, cookies: SessionCookies): express.Router {
  const router = express.Router();

  router.get(PAGES.login, (req, res) => {
    const session = res.locals.session ?? null;
    const next = safeNext(req.query.next);
    if (session) {
      res.redirect(303, landingOf(session.principal.role, next));
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
          const token = await accounts.login(input.login, input.password, clientIp(req));
          const principal = await tokens.verify(token.accessToken);
          cookies.set(res, token.accessToken, token.expiresIn);
          return principal === null ? PAGES.inbox : landingOf(principal.role, next);
        } catch (error) {
          // The password was right (it is checked first): the way on is the activation page, login filled in.
          if (error instanceof AppError && error.code === 'account_not_active') return `${PAGES.activation}?login=${encodeURIComponent(input.login)}&nieaktywne=1`;
          throw error;
        }
      },
      show: (form, status) => loginPage(res, form, next, null, status),
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

/** Where a logged-in person goes: `next` when it is a page for their role, else staff to the office and citizens to their inbox. */
function landingOf(role: Role, next: string | null): string {
  return next !== null && nextFits(next, role) ? next : isStaff(role) ? PAGES.office : PAGES.inbox;
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
