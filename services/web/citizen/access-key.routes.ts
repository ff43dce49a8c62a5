import express from 'express';
import { accessKeyBody } from '../../citizen-cases/citizen-cases.schemas';
import type { CitizenCasesService } from '../../citizen-cases/citizen-cases.service';
import { PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { citizen } from './citizen-pages';

const KEY_FIELDS: FieldSpec[] = [{ name: 'key', label: 'Internetowy klucz dostępu', required: 'Wpisz internetowy klucz dostępu.' }];

/** Adding a case to one's account with its internet access key. */
export function accessKeyRoutes(cases: CitizenCasesService): express.Router {
  const router = express.Router();

  router.get(PAGES.accessKey, citizen, (_req, res) => keyPage(res, new WebForm(KEY_FIELDS)));

  router.post(PAGES.accessKey, citizen, (req, res) =>
    postForm(res, {
      form: WebForm.from(KEY_FIELDS, req.body),
      parse: (form) => form.parse(accessKeyBody, { key: form.values.key ?? '' }),
      act: async (input) => {
        const linked = await cases.linkByKey(sessionOf(res).principal.userId, input.key);
        return `${PAGES.myCases}?dodano=${encodeURIComponent(linked.case.number)}`;
      },
      show: (form, status) => keyPage(res, form, status),
      errorField: 'key',
    }),
  );

  return router;
}

function keyPage(res: express.Response, form: WebForm, status = 200): void {
  const key = form.field('key', { autocomplete: 'off', hint: '16 znaków, np. ABCD-EFGH-JKMN-PQRS. Wielkość liter, myślniki i spacje nie mają znaczenia.', extraClass: 'field--key' });
  sendFormPage(res, 'klucz-dostepu', form, { title: 'Wpisz internetowy klucz dostępu', fields: { key } }, status);
}
