import express from 'express';
import type { AccountService } from '../../accounts/account.service';
import { PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { WebForm, type FieldSpec } from '../web-forms';
import { sendPage } from '../web-render';
import { citizen } from './citizen-pages';

const SETTINGS_FIELDS: FieldSpec[] = [{ name: 'notifyByEmail', label: 'Powiadamiaj mnie e-mailem o nowych wiadomościach w skrzynce' }];

/** The inbox's settings: whether a new message is announced by e-mail. */
export function inboxSettingsRoutes(accounts: AccountService): express.Router {
  const router = express.Router();

  router.get(PAGES.inboxSettings, citizen, async (req, res) => {
    const me = await accounts.me(sessionOf(res).principal.userId);
    const form = new WebForm(SETTINGS_FIELDS);
    sendPage(res, 'ustawienia', {
      title: 'Ustawienia skrzynki',
      notice: req.query.zapisano !== undefined ? 'Zapisano ustawienia.' : null,
      email: me.email,
      fields: { notifyByEmail: form.field('notifyByEmail', { type: 'checkbox', checked: me.notifyByEmail, hint: 'E-mail mówi tylko, że czeka nowa wiadomość. Nie zawiera danych spraw ani kluczy dostępu.' }) },
    });
  });

  // A checkbox cannot be wrong: nothing to parse, nothing to show again.
  router.post(PAGES.inboxSettings, citizen, async (req, res) => {
    const form = WebForm.from(SETTINGS_FIELDS, req.body);
    await accounts.updateMe(sessionOf(res).principal.userId, { notifyByEmail: form.checked('notifyByEmail') });
    res.redirect(303, `${PAGES.inboxSettings}?zapisano=1`);
  });

  return router;
}
