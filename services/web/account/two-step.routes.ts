import express, { type Response } from 'express';
import { STAFF_ROLES } from '../../../entities/user.entity';
import type { AccountService } from '../../accounts/account.service';
import { mfaConfirmBody } from '../../accounts/two-step.schemas';
import { isStaff, requireLogin, sessionOf, type SessionCookies } from '../../http/session';
import { PAGES } from '../../shared/page-paths';
import { clientIp } from '../auth/client-ip';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { sendPage } from '../web-render';
import type { AccountSectionProvider } from './account-sections';
import { qrCodeSvg } from './qr-code';

const CONFIRM_PATH = `${PAGES.twoStepSetup}/potwierdz`;
const CODE_FIELDS: FieldSpec[] = [{ name: 'code', label: 'Kod z aplikacji', required: 'Wpisz kod z aplikacji.' }];
const staffDuringSetup = requireLogin(STAFF_ROLES, { duringMfaSetup: true });

/** The staff's section of `/moje-konto`: whether two-step login is on, and the way to set it up. */
export function twoStepSection(accounts: AccountService): AccountSectionProvider {
  return async ({ principal }) => (isStaff(principal.role) ? { partial: 'two-step-section', context: { mfa: await accounts.twoStep.enabledFor(principal.userId) } } : null);
}

/** Two-step login for staff: the set-up with a QR code, and its confirmation. */
export function twoStepPages(accounts: AccountService, cookies: SessionCookies): express.Router {
  const router = express.Router();

  router.get(PAGES.twoStepSetup, staffDuringSetup, async (_req, res) => {
    const { principal } = sessionOf(res);
    sendPage(res, 'logowanie-dwuetapowe', { title: 'Logowanie dwuetapowe', mfa: await accounts.twoStep.enabledFor(principal.userId), required: principal.setupOnly });
  });

  // A new secret each time: it is shown on this one answer only (a reload starts over, which is safe).
  router.post(PAGES.twoStepSetup, staffDuringSetup, async (req, res) => {
    const session = sessionOf(res);
    const setup = await accounts.twoStep.setUp(session.principal.userId, clientIp(req));
    await showConfirm(res, new WebForm(CODE_FIELDS), { secret: setup.secret, qrSvg: await qrCodeSvg(setup.otpauthUrl) });
  });

  router.post(CONFIRM_PATH, staffDuringSetup, (req, res) =>
    postForm(res, {
      form: WebForm.from(CODE_FIELDS, req.body),
      parse: (form) => form.parse(mfaConfirmBody, { code: form.values.code ?? '' }),
      act: async (input) => {
        const session = sessionOf(res);
        await accounts.twoStep.confirm(session.principal.userId, input.code, clientIp(req));
        if (!session.principal.setupOnly) return `${PAGES.myAccount}?dwuetapowe=1`;
        // The session so far could only set up: a full one starts with a login with the code.
        await accounts.logout(session.principal, clientIp(req));
        cookies.clear(res);
        return `${PAGES.login}?dwuetapowe-wlaczone=1`;
      },
      // The secret is not shown again after a wrong code: it was shown once, and the app has it.
      show: (form, status) => showConfirm(res, form, null, status),
    }),
  );

  return router;
}

async function showConfirm(res: Response, form: WebForm, shown: { secret: string; qrSvg: string } | null, status = 200): Promise<void> {
  sendFormPage(
    res,
    'logowanie-dwuetapowe-kod',
    form,
    {
      title: 'Ustaw logowanie dwuetapowe',
      secret: shown ? groupedSecret(shown.secret) : null,
      qrSvg: shown?.qrSvg ?? null,
      fields: { code: form.field('code', { autocomplete: 'one-time-code', hint: '6 cyfr, które aplikacja pokazuje teraz dla tego konta.', extraClass: 'field--short' }) },
    },
    status,
  );
}

/** The base32 secret in groups of four, easier to type by hand. */
function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

