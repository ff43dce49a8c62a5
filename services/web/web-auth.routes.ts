import express, { type Request, type Response } from 'express';
import { activateBody, loginBody, registerBody, resendActivationBody } from '../accounts/account.schemas';
import type { AccountService } from '../accounts/account.service';
import type { TokenService } from '../auth/token.service';
import { WebForm, type FieldSpec } from './web-forms';
import { sendPage } from './web-render';
import { AppError } from '../shared/app-error';
import { isStaff, nextFits, safeNext, type SessionCookies, type WebSession } from '../http/session';

const REGISTER_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login.' },
  { name: 'email', label: 'Adres e-mail', required: 'Wpisz adres e-mail.' },
  { name: 'password', label: 'Hasło', required: 'Wpisz hasło.' },
  { name: 'firstName', label: 'Imię', required: 'Wpisz imię.' },
  { name: 'lastName', label: 'Nazwisko', required: 'Wpisz nazwisko.' },
  { name: 'acceptTerms', label: 'Akceptuję regulamin usługi „Stan załatwianych spraw”' },
];
const ACTIVATE_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login podany przy rejestracji.' },
  { name: 'code', label: 'Kod aktywacyjny', required: 'Wpisz kod aktywacyjny z wiadomości e-mail.' },
];
// The same page's "Wyślij nowy kod" button: it needs the login only (the code field may be empty).
const RESEND_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login, aby dostać nowy kod.' },
  { name: 'code', label: 'Kod aktywacyjny' },
];
const LOGIN_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login.' },
  { name: 'password', label: 'Hasło', required: 'Wpisz hasło.' },
];

const ip = (req: Request) => req.ip ?? 'unknown';

function registerPage(res: Response, form: WebForm, status = 200): void {
  res.set(form.headers);
  sendPage(
    res,
    'rejestracja',
    {
      title: 'Załóż konto',
      errorList: form.summary(),
      fields: {
        login: form.field('login', { autocomplete: 'username', hint: 'Od 3 do 32 znaków: małe litery a–z, cyfry, kropka, podkreślenie lub myślnik.' }),
        email: form.field('email', { type: 'email', autocomplete: 'email', hint: 'Wyślemy na niego kod aktywacyjny i powiadomienia o nowych wiadomościach.' }),
        password: form.field('password', { type: 'password', autocomplete: 'new-password', hint: 'Od 12 do 128 znaków. Nie może być loginem ani popularnym hasłem.' }),
        firstName: form.field('firstName', { autocomplete: 'given-name' }),
        lastName: form.field('lastName', { autocomplete: 'family-name' }),
        acceptTerms: form.field('acceptTerms', { type: 'checkbox' }),
      },
    },
    status,
  );
}

function activatePage(res: Response, form: WebForm, notice: string | null, status = 200): void {
  res.set(form.headers);
  sendPage(
    res,
    'aktywacja',
    {
      title: 'Aktywuj konto',
      notice,
      errorList: form.summary(),
      fields: {
        login: form.field('login', { autocomplete: 'username' }),
        code: form.field('code', { autocomplete: 'one-time-code', hint: 'Znajdziesz go w wiadomości e-mail, w wierszu „Kod aktywacyjny”. Kod jest ważny 24 godziny.' }),
      },
    },
    status,
  );
}

function loginPage(res: Response, form: WebForm, next: string | null, notice: string | null, status = 200): void {
  res.set(form.headers);
  sendPage(
    res,
    'logowanie',
    {
      title: 'Zaloguj się',
      notice,
      next,
      errorList: form.summary(),
      fields: {
        login: form.field('login', { autocomplete: 'username' }),
        password: form.field('password', { type: 'password', autocomplete: 'current-password' }),
      },
    },
    status,
  );
}

const LOGIN_NOTICES: Record<string, string> = {
  aktywowano: 'Konto zostało aktywowane, a skrzynka kontaktowa jest gotowa. Zaloguj się.',
  wylogowano: 'Wylogowano. Do zobaczenia!',
};

/** Registration, activation, login and logout pages. */
export function webAuthRoutes(accounts: AccountService, tokens: TokenService, cookies: SessionCookies): express.Router {
  const router = express.Router();

  router.get('/rejestracja', (_req, res) => registerPage(res, new WebForm(REGISTER_FIELDS)));

  router.post('/rejestracja', async (req, res) => {
    const form = WebForm.from(REGISTER_FIELDS, req.body);
    const v = form.values;
    const input = form.parse(registerBody, {
      login: v.login ?? '',
      email: v.email ?? '',
      password: v.password ?? '',
      firstName: v.firstName ?? '',
      lastName: v.lastName ?? '',
      acceptTerms: form.checked('acceptTerms'),
    });
    if (input) {
      try {
        await accounts.register(input, ip(req));
        res.redirect(303, `/aktywacja?login=${encodeURIComponent(input.login)}&wyslano=1`);
        return;
      } catch (error) {
        form.fail(error, { login_taken: 'login' });
      }
    }
    registerPage(res, form, form.status);
  });

  router.get('/aktywacja', (req, res) => {
    const login = typeof req.query.login === 'string' ? req.query.login : '';
    const notice = req.query.wyslano
      ? 'Dziękujemy. Jeśli dane są poprawne, w ciągu kilku minut dostaniesz e-mail z kodem aktywacyjnym. Wpisz go poniżej.'
      : req.query.nieaktywne
        ? 'Konto nie zostało jeszcze aktywowane. Wpisz kod aktywacyjny z wiadomości e-mail albo poproś o nowy kod.'
        : req.query['nowy-kod']
          ? 'Jeśli konto czeka na aktywację, wysłaliśmy na jego adres e-mail nowy kod. Poprzedni kod przestał działać.'
          : null;
    activatePage(res, new WebForm(ACTIVATE_FIELDS, { login }), notice);
  });

  router.post('/aktywacja', async (req, res) => {
    const form = WebForm.from(ACTIVATE_FIELDS, req.body);
    const input = form.parse(activateBody, { login: form.values.login ?? '', code: form.values.code ?? '' });
    if (input) {
      try {
        await accounts.activate(input.login, input.code);
        res.redirect(303, '/logowanie?aktywowano=1');
        return;
      } catch (error) {
        form.fail(error, 'code');
      }
    }
    activatePage(res, form, null, form.status);
  });

  router.post('/aktywacja/nowy-kod', async (req, res) => {
    const form = WebForm.from(RESEND_FIELDS, req.body);
    const input = form.parse(resendActivationBody, { login: form.values.login ?? '' });
    if (!input) {
      activatePage(res, form, null, 400);
      return;
    }
    await accounts.resendActivation(input.login);
    // Post/Redirect/Get: reloading the page that follows must not send yet another code.
    res.redirect(303, `/aktywacja?login=${encodeURIComponent(form.values.login?.trim() ?? '')}&nowy-kod=1`);
  });

  router.get('/logowanie', (req, res) => {
    const session = res.locals.session as WebSession | null;
    const next = safeNext(req.query.next);
    if (session) {
      const role = session.principal.role;
      res.redirect(303, next !== null && nextFits(next, role) ? next : isStaff(role) ? '/urzad' : '/skrzynka');
      return;
    }
    const noticeKey = Object.keys(LOGIN_NOTICES).find((k) => req.query[k] !== undefined);
    const notice = noticeKey ? LOGIN_NOTICES[noticeKey] : next ? 'Aby zobaczyć tę stronę, zaloguj się.' : null;
    loginPage(res, new WebForm(LOGIN_FIELDS), next, notice);
  });

  router.post('/logowanie', async (req, res) => {
    const form = WebForm.from(LOGIN_FIELDS, req.body);
    const next = safeNext((req.body as Record<string, unknown>)?.next);
    const input = form.parse(loginBody, { login: form.values.login ?? '', password: form.values.password ?? '' });
    if (input) {
      try {
        const token = await accounts.login(input.login, input.password, ip(req));
        const principal = await tokens.verify(token.accessToken);
        cookies.set(res, token.accessToken, token.expiresIn);
        const staff = principal !== null && isStaff(principal.role);
        // Staff land on the office pages and citizens on theirs, whatever `next` says.
        const fits = next !== null && principal !== null && nextFits(next, principal.role);
        res.redirect(303, fits ? next : staff ? '/urzad' : '/skrzynka');
        return;
      } catch (error) {
        // The password was right (it is checked first): the way on is the activation page, login filled in.
        if (error instanceof AppError && error.code === 'account_not_active') {
          res.redirect(303, `/aktywacja?login=${encodeURIComponent(input.login)}&nieaktywne=1`);
          return;
        }
        form.fail(error);
      }
    }
    loginPage(res, form, next, null, form.status);
  });

  router.post('/wyloguj', async (req, res) => {
    const session = res.locals.session as WebSession | null;
    if (session) await accounts.logout(session.principal, ip(req));
    // Renewed by this very request: the token the browser sent must die too.
    if (session?.replaced) await tokens.revoke(session.replaced);
    cookies.clear(res);
    res.redirect(303, '/logowanie?wylogowano=1');
  });

  return router;
}
