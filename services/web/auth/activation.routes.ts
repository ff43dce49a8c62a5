import express, { type Response } from 'express';
import { activateBody, resendActivationBody } from '../../accounts/account.schemas';
import type { AccountService } from '../../accounts/account.service';
import { PAGES } from '../../shared/page-paths';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';

const ACTIVATE_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login podany przy rejestracji.' },
  { name: 'code', label: 'Kod aktywacyjny', required: 'Wpisz kod aktywacyjny z wiadomości e-mail.' },
];
// The same page's "Wyślij nowy kod" button: it needs the login only (the code field may be empty).
const RESEND_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login, aby dostać nowy kod.' },
  { name: 'code', label: 'Kod aktywacyjny' },
];

/** Activating an account with the e-mailed code, and asking for a new code. */
export function activationRoutes(accounts: AccountService): express.Router {
  const router = express.Router();

  router.get(PAGES.activation, (req, res) => {
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

  router.post(PAGES.activation, (req, res) =>
    postForm(res, {
      form: WebForm.from(ACTIVATE_FIELDS, req.body),
      parse: (form) => form.parse(activateBody, { login: form.values.login ?? '', code: form.values.code ?? '' }),
      act: async (input) => {
        await accounts.activate(input.login, input.code);
        return `${PAGES.login}?aktywowano=1`;
      },
      show: (form, status) => activatePage(res, form, null, status),
      errorField: 'code',
    }),
  );

  router.post(PAGES.resendActivation, (req, res) => {
    const form = WebForm.from(RESEND_FIELDS, req.body);
    return postForm(res, {
      form,
      parse: () => form.parse(resendActivationBody, { login: form.values.login ?? '' }),
      act: async (input) => {
        await accounts.resendActivation(input.login);
        // Post/Redirect/Get: reloading the page that follows must not send yet another code.
        return `${PAGES.activation}?login=${encodeURIComponent(form.values.login?.trim() ?? '')}&nowy-kod=1`;
      },
      show: (_form, status) => activatePage(res, form, null, status),
    });
  });

  return router;
}

function activatePage(res: Response, form: WebForm, notice: string | null, status = 200): void {
  sendFormPage(
    res,
    'aktywacja',
    form,
    {
      title: 'Aktywuj konto',
      notice,
      fields: {
        login: form.field('login', { autocomplete: 'username' }),
        code: form.field('code', { autocomplete: 'one-time-code', hint: 'Znajdziesz go w wiadomości e-mail, w wierszu „Kod aktywacyjny”. Kod jest ważny 24 godziny.' }),
      },
    },
    status,
  );
}
