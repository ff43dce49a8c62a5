import express, { type Response } from 'express';
import type { PasswordResetService } from '../../accounts/password-reset.service';
import { passwordResetBody, passwordResetConfirmBody } from '../../accounts/self-service.schemas';
import { PAGES } from '../../shared/page-paths';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { clientIp } from './client-ip';

const REQUEST_FIELDS: FieldSpec[] = [{ name: 'login', label: 'Login', required: 'Wpisz login.' }];
const CONFIRM_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login.' },
  { name: 'code', label: 'Kod resetowania hasła', required: 'Wpisz kod resetowania hasła z wiadomości e-mail.' },
  { name: 'password', label: 'Nowe hasło', required: 'Wpisz nowe hasło.' },
];

/** A forgotten password, in two steps: the login (a code goes out by e-mail), then the code and a new password. */
export function passwordResetRoutes(reset: PasswordResetService): express.Router {
  const router = express.Router();

  router.get(PAGES.passwordReset, (_req, res) => requestPage(res, new WebForm(REQUEST_FIELDS)));

  router.post(PAGES.passwordReset, (req, res) =>
    postForm(res, {
      form: WebForm.from(REQUEST_FIELDS, req.body),
      parse: (form) => form.parse(passwordResetBody, form.texts('login')),
      act: async (input) => {
        await reset.request(input.login);
        return `${PAGES.passwordResetConfirm}?login=${encodeURIComponent(input.login)}&wyslano=1`;
      },
      show: (form, status) => requestPage(res, form, status),
    }),
  );

  router.get(PAGES.passwordResetConfirm, (req, res) => {
    const login = typeof req.query.login === 'string' ? req.query.login : '';
    const notice =
      req.query.wyslano !== undefined
        ? 'Jeśli konto o tym loginie istnieje i jest aktywne, wysłaliśmy na jego adres e-mail kod resetowania hasła. Kod jest ważny przez godzinę.'
        : null;
    confirmPage(res, new WebForm(CONFIRM_FIELDS, { login }), notice);
  });

  router.post(PAGES.passwordResetConfirm, (req, res) =>
    postForm(res, {
      form: WebForm.from(CONFIRM_FIELDS, req.body),
      parse: (form) => form.parse(passwordResetConfirmBody, form.texts('login', 'code', 'password')),
      act: async (input) => {
        await reset.confirm(input.login, input.code, input.password, clientIp(req));
        return `${PAGES.login}?haslo-zmienione=1`;
      },
      show: (form, status) => confirmPage(res, form, null, status),
      errorField: { invalid_code: 'code' },
    }),
  );

  return router;
}

function requestPage(res: Response, form: WebForm, status = 200): void {
  sendFormPage(
    res,
    'nie-pamietam-hasla',
    form,
    { title: 'Nie pamiętam hasła', fields: { login: form.field('login', { autocomplete: 'username' }) } },
    status,
  );
}

function confirmPage(res: Response, form: WebForm, notice: string | null, status = 200): void {
  sendFormPage(
    res,
    'nowe-haslo',
    form,
    {
      title: 'Ustaw nowe hasło',
      notice,
      fields: {
        login: form.field('login', { autocomplete: 'username' }),
        code: form.field('code', { autocomplete: 'one-time-code', hint: 'Znajdziesz go w wiadomości e-mail, w wierszu „Kod resetowania hasła”.' }),
        password: form.field('password', { type: 'password', autocomplete: 'new-password', hint: 'Od 12 do 128 znaków. Nie może być loginem ani popularnym hasłem.' }),
      },
    },
    status,
  );
}
