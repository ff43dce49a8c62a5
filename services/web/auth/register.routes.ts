import express, { type Response } from 'express';
import { registerBody } from '../../accounts/account.schemas';
import type { AccountService } from '../../accounts/account.service';
import { PAGES } from '../../shared/page-paths';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { clientIp } from './client-ip';

const REGISTER_FIELDS: FieldSpec[] = [
  { name: 'login', label: 'Login', required: 'Wpisz login.' },
  { name: 'email', label: 'Adres e-mail', required: 'Wpisz adres e-mail.' },
  { name: 'password', label: 'Hasło', required: 'Wpisz hasło.' },
  { name: 'firstName', label: 'Imię', required: 'Wpisz imię.' },
  { name: 'lastName', label: 'Nazwisko', required: 'Wpisz nazwisko.' },
  { name: 'acceptTerms', label: 'Akceptuję regulamin usługi „Stan załatwianych spraw”' },
];

/** Registration of a citizen's account; the activation code goes out by e-mail. */
export function registerRoutes(accounts: AccountService): express.Router {
  const router = express.Router();

  router.get(PAGES.register, (_req, res) => registerPage(res, new WebForm(REGISTER_FIELDS)));

  router.post(PAGES.register, (req, res) =>
    postForm(res, {
      form: WebForm.from(REGISTER_FIELDS, req.body),
      parse: (form) => form.parse(registerBody, { ...form.texts('login', 'email', 'password', 'firstName', 'lastName'), acceptTerms: form.checked('acceptTerms') }),
      act: async (input) => {
        await accounts.register(input, clientIp(req));
        return `${PAGES.activation}?login=${encodeURIComponent(input.login)}&wyslano=1`;
      },
      show: (form, status) => registerPage(res, form, status),
      errorField: { login_taken: 'login' },
    }),
  );

  return router;
}

function registerPage(res: Response, form: WebForm, status = 200): void {
  sendFormPage(
    res,
    'rejestracja',
    form,
    {
      title: 'Załóż konto',
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
