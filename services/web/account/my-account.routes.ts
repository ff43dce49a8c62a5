import express, { type Response } from 'express';
import { CITIZEN_AND_STAFF } from '../../../entities/user.entity';
import type { AccountService } from '../../accounts/account.service';
import type { OwnAccountService } from '../../accounts/own-account.service';
import { changeEmailBody, changePasswordBody, confirmEmailBody } from '../../accounts/self-service.schemas';
import type { TokenService } from '../../auth/token.service';
import { attachmentDisposition } from '../../http/stored-file';
import { requireLogin, sessionOf, type SessionCookies, type WebSession } from '../../http/session';
import { PAGES } from '../../shared/page-paths';
import { clientIp } from '../auth/client-ip';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import type { AccountSectionProvider } from './account-sections';

export const ACCOUNT_PATHS = {
  password: `${PAGES.myAccount}/haslo`,
  email: `${PAGES.myAccount}/adres`,
  emailConfirm: `${PAGES.myAccount}/adres/potwierdz`,
  data: `${PAGES.myAccount}/dane`,
  deletion: `${PAGES.myAccount}/usun`,
} as const;

const PASSWORD_FIELDS: FieldSpec[] = [
  { name: 'currentPassword', label: 'Hasło, którym logujesz się teraz', required: 'Wpisz hasło, którym logujesz się teraz.' },
  { name: 'newPassword', label: 'Nowe hasło', required: 'Wpisz nowe hasło.' },
];
// Field names of their own (emailPassword, emailCode), mapped onto the API's: the sections
// others add to this page (the staff's two-step login) may well have a `code` or a `password`.
const EMAIL_FIELDS: FieldSpec[] = [
  { name: 'email', label: 'Adres e-mail (nowy)', required: 'Wpisz nowy adres e-mail.' },
  { name: 'emailPassword', label: 'Hasło', required: 'Wpisz hasło, którym się logujesz.' },
];
const EMAIL_ALIASES = { password: 'emailPassword' };
const CODE_FIELDS: FieldSpec[] = [{ name: 'emailCode', label: 'Kod potwierdzenia adresu', required: 'Wpisz kod potwierdzenia adresu z wiadomości e-mail.' }];
const CODE_ALIASES = { code: 'emailCode' };

const NOTICES: Record<string, string> = {
  'haslo-zmienione': 'Hasło zostało zmienione. Na innych urządzeniach trzeba zalogować się ponownie, już nowym hasłem.',
  'kod-wyslany': 'Jeśli ten adres może zostać użyty, wysłaliśmy na niego kod potwierdzenia adresu. Wpisz go poniżej. Dotychczasowy adres dostał powiadomienie o zmianie.',
  'adres-zmieniony': 'Adres e-mail został zmieniony.',
  dwuetapowe: 'Logowanie dwuetapowe jest włączone.',
};

/** The forms of the page, as typed (after a refusal) or empty. */
interface AccountForms {
  password: WebForm;
  email: WebForm;
  code: WebForm;
}

/** /moje-konto for everyone logged in: password, e-mail address, notifications, own data, deletion, and sections others add. */
export function myAccountRoutes(deps: {
  accounts: AccountService;
  own: OwnAccountService;
  tokens: TokenService;
  cookies: SessionCookies;
  sections: readonly AccountSectionProvider[];
}): express.Router {
  const { own, tokens, cookies } = deps;
  const router = express.Router();
  const anyone = requireLogin(CITIZEN_AND_STAFF);

  const page = async (res: Response, failed: WebForm | null, forms: Partial<AccountForms>, notice: string | null = null): Promise<void> => {
    const session = sessionOf(res);
    const me = await deps.accounts.me(session.principal.userId);
    const all: AccountForms = { password: new WebForm(PASSWORD_FIELDS), email: new WebForm(EMAIL_FIELDS, {}, EMAIL_ALIASES), code: new WebForm(CODE_FIELDS, {}, CODE_ALIASES), ...forms };
    const extraSections = (await Promise.all(deps.sections.map((provide) => provide(session)))).filter((s) => s !== null);
    sendFormPage(
      res,
      'moje-konto',
      failed ?? new WebForm([]),
      {
        title: 'Moje konto',
        notice,
        me,
        citizen: me.role === 'citizen',
        paths: { ...ACCOUNT_PATHS, inboxSettings: PAGES.inboxSettings },
        extraSections,
        fields: {
          currentPassword: all.password.field('currentPassword', { type: 'password', autocomplete: 'current-password' }),
          newPassword: all.password.field('newPassword', { type: 'password', autocomplete: 'new-password', hint: 'Od 12 do 128 znaków. Nie może być loginem ani popularnym hasłem.' }),
          email: all.email.field('email', { type: 'email', autocomplete: 'email' }),
          emailPassword: all.email.field('emailPassword', { type: 'password', autocomplete: 'current-password' }),
          emailCode: all.code.field('emailCode', { autocomplete: 'one-time-code', hint: 'Znajdziesz go w wiadomości e-mail wysłanej na nowy adres, w wierszu „Kod potwierdzenia adresu”.' }),
        },
      },
      failed?.status ?? 200,
    );
  };

  router.get(PAGES.myAccount, anyone, async (req, res) => {
    const key = Object.keys(NOTICES).find((k) => req.query[k] !== undefined);
    await page(res, null, {}, key ? NOTICES[key] : null);
  });

  router.post(ACCOUNT_PATHS.password, anyone, (req, res) => {
    const session = sessionOf(res);
    return postForm(res, {
      form: WebForm.from(PASSWORD_FIELDS, req.body),
      parse: (form) => form.parse(changePasswordBody, form.texts('currentPassword', 'newPassword')),
      act: async (input) => {
        const version = await own.changePassword(session.principal, input.currentPassword, input.newPassword, clientIp(req));
        keepSession(res, session, version);
        return `${PAGES.myAccount}?haslo-zmienione=1`;
      },
      show: (form) => page(res, form, { password: form }),
    });
  });

  router.post(ACCOUNT_PATHS.email, anyone, (req, res) =>
    postForm(res, {
      form: WebForm.from(EMAIL_FIELDS, req.body, EMAIL_ALIASES),
      parse: (form) => form.parse(changeEmailBody, { email: form.values.email ?? '', password: form.values.emailPassword ?? '' }),
      act: async (input) => {
        await own.requestEmailChange(sessionOf(res).principal.userId, input.email, input.password, clientIp(req));
        return `${PAGES.myAccount}?kod-wyslany=1#adres`;
      },
      show: (form) => page(res, form, { email: form }),
    }),
  );

  router.post(ACCOUNT_PATHS.emailConfirm, anyone, (req, res) =>
    postForm(res, {
      form: WebForm.from(CODE_FIELDS, req.body, CODE_ALIASES),
      parse: (form) => form.parse(confirmEmailBody, { code: form.values.emailCode ?? '' }),
      act: async (input) => {
        await own.confirmEmailChange(sessionOf(res).principal.userId, input.code, clientIp(req));
        return `${PAGES.myAccount}?adres-zmieniony=1`;
      },
      show: (form) => page(res, form, { code: form }),
      errorField: 'emailCode',
    }),
  );

  // "Pobierz moje dane": the same JSON as GET /api/v1/me/export, as a file to keep.
  router.get(ACCOUNT_PATHS.data, anyone, async (_req, res) => {
    const data = await own.exportData(sessionOf(res).principal.userId);
    const day = data.exportedAt.slice(0, 10);
    res
      .status(200)
      .set({ 'Content-Disposition': attachmentDisposition(`moje-dane-${day}.json`), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
      .type('application/json')
      .send(JSON.stringify(data, null, 2));
  });

  /**
   * A password change raised the account's token version, which ends every session, this one
   * too: its cookie gets a fresh token of the same session at the new version, so the person
   * stays logged in here while every other device has to log in again.
   */
  function keepSession(res: Response, session: WebSession, version: number): void {
    // Null at the session's absolute end: then the cookie dies with the others, as it would have.
    const fresh = tokens.renew({ ...session.principal, tokenVersion: version });
    if (fresh) cookies.set(res, fresh.accessToken, fresh.expiresIn);
  }

  return router;
}
