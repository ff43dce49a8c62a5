import express, { type Request, type Response } from 'express';
import { requireLogin } from '../../http/session';
import { staffIdParams, updateStaffBody } from '../../office/staff-admin.schemas';
import type { StaffView } from '../../accounts/staff.repository';
import { AppError } from '../../shared/app-error';
import { PAGES, staffPath } from '../../shared/page-paths';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { sendPage } from '../web-render';
import { actorOfPage, unitChoices, type OfficeDeps } from './office-pages';

const admin = requireLogin(['admin']);

const EDIT_FIELDS: FieldSpec[] = [
  { name: 'role', label: 'Rola', required: 'Wybierz rolę.' },
  { name: 'unitSymbol', label: 'Komórka (dla referenta)' },
  { name: 'email', label: 'Adres e-mail (służbowy)' },
];
export const ROLE_CHOICES = [
  { value: 'official', label: 'Referent (prowadzi sprawy swojej komórki)' },
  { value: 'registrar', label: 'Kancelaria (rejestruje pisma i zakłada sprawy)' },
  { value: 'admin', label: 'Administrator' },
];
const ROLE_NAMES: Record<string, string> = { official: 'referent', registrar: 'kancelaria', admin: 'administrator' };
const STATUS_NAMES: Record<string, string> = { active: 'aktywne', disabled: 'wyłączone', pending_activation: 'nieaktywowane' };

const NOTICES: Record<string, string> = {
  zapisano: 'Zapisano zmiany konta.',
  wylaczono: 'Konto zostało wyłączone: ta osoba została wylogowana i nie może się zalogować.',
  wlaczono: 'Konto zostało włączone: ta osoba może się znowu zalogować.',
  'mfa-wylaczone': 'Logowanie dwuetapowe tej osoby zostało wyłączone; przy następnym logowaniu może ustawić je od nowa.',
};

/** The admin's staff list and the page of one account: role, unit, e-mail, disabling, the second factor's reset. */
export function staffAdminPages({ actors, units, staffAdmin }: OfficeDeps): express.Router {
  const router = express.Router();

  router.get(PAGES.staffList, admin, async (_req, res) => {
    const { items } = await staffAdmin.list();
    sendPage(res, 'urzad/pracownicy', {
      title: 'Pracownicy',
      staff: items.map((s) => ({ ...s, href: staffPath(s.id), roleName: ROLE_NAMES[s.role], statusName: STATUS_NAMES[s.status], disabled: s.status === 'disabled' })),
    });
  });

  const show = async (res: Response, account: StaffView, form: WebForm, notice: string | null, status = 200) =>
    sendFormPage(
      res,
      'urzad/pracownik',
      form,
      {
        title: `Pracownik ${account.firstName} ${account.lastName}`,
        notice,
        account: { ...account, roleName: ROLE_NAMES[account.role], statusName: STATUS_NAMES[account.status], disabled: account.status === 'disabled' },
        action: staffPath(account.id),
        fields: {
          role: form.field('role', { options: ROLE_CHOICES }),
          unitSymbol: form.field('unitSymbol', { options: await unitChoices(units, false), hint: 'Wymagana dla referenta.' }),
          email: form.field('email', { type: 'email', autocomplete: 'off', hint: 'Zostaw puste, jeśli ta osoba nie ma adresu. Tu przychodzą przypomnienia o terminach spraw.' }),
        },
      },
      status,
    );
  const formOf = (account: StaffView) => new WebForm(EDIT_FIELDS, { role: account.role, unitSymbol: account.unitSymbol ?? '', email: account.email ?? '' });

  router.get(`${PAGES.staffList}/:id`, admin, async (req, res, next) => {
    const id = idOf(req);
    if (!id) return next(); // e.g. /urzad/pracownicy/nowy: another page
    const account = await staffAdmin.get(id);
    const noticeKey = Object.keys(NOTICES).find((k) => req.query[k] !== undefined);
    await show(res, account, formOf(account), noticeKey ? NOTICES[noticeKey] : null);
  });

  router.post(`${PAGES.staffList}/:id`, admin, async (req, res, next) => {
    const id = idOf(req);
    if (!id) return next();
    const account = await staffAdmin.get(id);
    await postForm(res, {
      form: WebForm.from(EDIT_FIELDS, req.body),
      parse: (form) => {
        const v = form.values;
        return form.parse(updateStaffBody, { role: v.role ?? '', unitSymbol: v.unitSymbol?.trim() ? v.unitSymbol : null, email: v.email?.trim() ? v.email : null });
      },
      act: async (input) => {
        await staffAdmin.update(await actorOfPage(actors, req, res), id, input);
        return `${staffPath(id)}?zapisano=1`;
      },
      show: (form, status) => show(res, account, form, null, status),
      errorField: { email_taken: 'email', last_admin: 'role' },
    });
  });

  // Disabling and enabling, and the second factor's reset: one button each, nothing to type.
  router.post(`${PAGES.staffList}/:id/stan`, admin, async (req, res) => {
    const id = idOf(req);
    if (!id) throw AppError.notFound('Nie ma takiego konta pracownika.');
    const disable = (req.body as Record<string, unknown>)?.stan === 'disabled';
    try {
      await staffAdmin.update(await actorOfPage(actors, req, res), id, { status: disable ? 'disabled' : 'active' });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'last_admin') throw error;
      const account = await staffAdmin.get(id);
      const form = formOf(account);
      form.fail(error);
      return show(res, account, form, null, error.status);
    }
    res.redirect(303, `${staffPath(id)}?${disable ? 'wylaczono' : 'wlaczono'}=1`);
  });

  router.post(`${PAGES.staffList}/:id/logowanie-dwuetapowe`, admin, async (req, res) => {
    const id = idOf(req);
    if (!id) throw AppError.notFound('Nie ma takiego konta pracownika.');
    await staffAdmin.resetMfa(await actorOfPage(actors, req, res), id);
    res.redirect(303, `${staffPath(id)}?mfa-wylaczone=1`);
  });

  return router;
}

function idOf(req: Request): string | null {
  const parsed = staffIdParams.safeParse({ id: req.params.id });
  return parsed.success ? parsed.data.id : null;
}
