import express from 'express';
import { requireLogin } from '../../http/session';
import { createStaffBody } from '../../office/office.schemas';
import { PAGES } from '../../shared/page-paths';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { actorOfPage, unitChoices, type OfficeDeps } from './office-pages';

const admin = requireLogin(['admin']);

const STAFF_FIELDS: FieldSpec[] = [
  { name: 'firstName', label: 'Imię', required: 'Wpisz imię pracownika.' },
  { name: 'lastName', label: 'Nazwisko', required: 'Wpisz nazwisko pracownika.' },
  { name: 'login', label: 'Login', required: 'Wpisz login pracownika.' },
  { name: 'password', label: 'Hasło startowe', required: 'Wpisz hasło startowe.' },
  { name: 'role', label: 'Rola', required: 'Wybierz rolę.' },
  { name: 'unitSymbol', label: 'Komórka (dla referenta)' },
  { name: 'email', label: 'Adres e-mail (służbowy)' },
];
const ROLES = [
  { value: 'official', label: 'Referent (prowadzi sprawy swojej komórki)' },
  { value: 'registrar', label: 'Kancelaria (rejestruje pisma i zakłada sprawy)' },
  { value: 'admin', label: 'Administrator' },
];

/** The admin's form for a staff account, with the address deadline reminders go to. */
export function staffRoutes({ actors, units }: OfficeDeps): express.Router {
  const router = express.Router();

  const show = async (res: express.Response, form: WebForm, status = 200) =>
    sendFormPage(
      res,
      'urzad/pracownik-nowy',
      form,
      {
        title: 'Nowy pracownik',
        fields: {
          firstName: form.field('firstName', { autocomplete: 'off' }),
          lastName: form.field('lastName', { autocomplete: 'off' }),
          login: form.field('login', { autocomplete: 'off', hint: 'Od 3 do 32 znaków: małe litery a–z, cyfry, kropka, podkreślenie lub myślnik.' }),
          password: form.field('password', { type: 'password', autocomplete: 'new-password', hint: 'Od 12 znaków; przekaż je pracownikowi osobiście.' }),
          role: form.field('role', { options: ROLES }),
          unitSymbol: form.field('unitSymbol', { options: await unitChoices(units, false), hint: 'Wymagana dla referenta.' }),
          email: form.field('email', { type: 'email', autocomplete: 'off', hint: 'Nieobowiązkowy. Tu przychodzą przypomnienia o terminach spraw i ponagleniach.' }),
        },
      },
      status,
    );

  router.get(PAGES.newStaff, admin, async (_req, res) => show(res, new WebForm(STAFF_FIELDS, { role: 'official' })));

  router.post(PAGES.newStaff, admin, async (req, res) => {
    await postForm(res, {
      form: WebForm.from(STAFF_FIELDS, req.body),
      parse: (form) => {
        const v = form.values;
        return form.parse(createStaffBody, {
          ...form.texts('login', 'password', 'firstName', 'lastName', 'role'),
          ...(v.unitSymbol?.trim() ? { unitSymbol: v.unitSymbol } : {}),
          ...(v.email?.trim() ? { email: v.email.trim() } : {}),
        });
      },
      act: async (input) => {
        const created = await units.createStaff(await actorOfPage(actors, req, res), input);
        return `${PAGES.office}?pracownik=${encodeURIComponent(created.login)}`;
      },
      show: (form, status) => show(res, form, status),
      errorField: { login_taken: 'login', email_taken: 'email' },
    });
  });

  return router;
}
