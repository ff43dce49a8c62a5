import express, { type Response } from 'express';
import type { OwnAccountService } from '../../accounts/own-account.service';
import { deleteAccountBody } from '../../accounts/self-service.schemas';
import { requireLogin, sessionOf, type SessionCookies } from '../../http/session';
import { PAGES } from '../../shared/page-paths';
import { clientIp } from '../auth/client-ip';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { ACCOUNT_PATHS } from './my-account.routes';

const DELETE_FIELDS: FieldSpec[] = [{ name: 'password', label: 'Hasło', required: 'Wpisz hasło, aby potwierdzić usunięcie konta.' }];

/** "Usuń konto": a page that says what goes and what stays, confirmed with the password (citizens only: staff accounts are the office's). */
export function accountDeletionRoutes(own: OwnAccountService, cookies: SessionCookies): express.Router {
  const router = express.Router();
  const citizen = requireLogin(['citizen']);

  router.get(ACCOUNT_PATHS.deletion, citizen, (_req, res) => deletionPage(res, new WebForm(DELETE_FIELDS)));

  router.post(ACCOUNT_PATHS.deletion, citizen, (req, res) =>
    postForm(res, {
      form: WebForm.from(DELETE_FIELDS, req.body),
      parse: (form) => form.parse(deleteAccountBody, form.texts('password')),
      act: async (input) => {
        await own.deleteAccount(sessionOf(res).principal.userId, input.password, clientIp(req));
        cookies.clear(res);
        return `${PAGES.login}?konto-usuniete=1`;
      },
      show: (form, status) => deletionPage(res, form, status),
    }),
  );

  return router;
}

function deletionPage(res: Response, form: WebForm, status = 200): void {
  sendFormPage(
    res,
    'usun-konto',
    form,
    { title: 'Usuń konto', dataPath: ACCOUNT_PATHS.data, fields: { password: form.field('password', { type: 'password', autocomplete: 'current-password' }) } },
    status,
  );
}
