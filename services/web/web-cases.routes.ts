import express from 'express';
import { accessKeyBody } from '../citizen-cases/citizen-cases.schemas';
import type { CitizenCasesService } from '../citizen-cases/citizen-cases.service';
import { idParams } from '../inbox/inbox.schemas';
import { AppError } from '../shared/app-error';
import { statusCheckBody } from '../status-checks/status-check.schemas';
import type { StatusCheckService } from '../status-checks/status-check.service';
import { WebForm, type FieldSpec } from './web-forms';
import { sendPage } from './web-render';
import { requireLogin, sessionOf } from '../http/session';

const citizen = requireLogin(['citizen']);

const KEY_FIELDS: FieldSpec[] = [{ name: 'key', label: 'Internetowy klucz dostępu', required: 'Wpisz internetowy klucz dostępu.' }];
const CHECK_FIELDS: FieldSpec[] = [{ name: 'caseNumber', label: 'Znak sprawy', required: 'Wpisz znak sprawy.' }];

const CHECK_STATES: Record<string, string> = {
  queued: 'Prośba czeka w kolejce na odpowiedź.',
  delivered: 'Odpowiedź jest już w skrzynce kontaktowej.',
  failed: 'Nie udało się przygotować odpowiedzi. Spróbuj ponownie za kilka minut.',
};

/** The citizen's cases: entering an access key, the list of cases and "Sprawdź stan sprawy". */
export function webCasesRoutes(cases: CitizenCasesService, checks: StatusCheckService): express.Router {
  const router = express.Router();

  router.get('/klucz-dostepu', citizen, (_req, res) => keyPage(res, new WebForm(KEY_FIELDS)));

  router.post('/klucz-dostepu', citizen, async (req, res) => {
    const form = WebForm.from(KEY_FIELDS, req.body);
    const input = form.parse(accessKeyBody, { key: form.values.key ?? '' });
    if (input) {
      try {
        const linked = await cases.linkByKey(sessionOf(res).principal.userId, input.key);
        res.redirect(303, `/moje-sprawy?dodano=${encodeURIComponent(linked.case.number)}`);
        return;
      } catch (error) {
        form.fail(error, 'key');
      }
    }
    keyPage(res, form, form.status);
  });

  router.get('/moje-sprawy', citizen, async (req, res) => {
    const { items } = await cases.list(sessionOf(res).principal.userId);
    const added = items.find((c) => c.number === req.query.dodano);
    sendPage(res, 'moje-sprawy', {
      title: 'Moje sprawy',
      notice: added ? `Sprawa ${added.number} została dodana do Twojego konta.` : null,
      cases: items.map((c) => ({
        ...c,
        responsible: c.responsiblePerson ? `${c.responsiblePerson.firstName} ${c.responsiblePerson.lastName}` : null,
        checkHref: `/sprawdz-stan-sprawy?znak=${encodeURIComponent(c.number)}`,
      })),
    });
  });

  router.get('/sprawdz-stan-sprawy', citizen, (req, res) => {
    const typed = typeof req.query.znak === 'string' ? req.query.znak.slice(0, 64) : '';
    checkPage(res, new WebForm(CHECK_FIELDS, { caseNumber: typed }));
  });

  router.post('/sprawdz-stan-sprawy', citizen, async (req, res) => {
    const form = WebForm.from(CHECK_FIELDS, req.body);
    const input = form.parse(statusCheckBody, { caseNumber: form.values.caseNumber ?? '' });
    if (input) {
      try {
        const accepted = await checks.request(sessionOf(res).principal.userId, input.caseNumber);
        res.redirect(303, `/sprawdz-stan-sprawy/${accepted.id}`);
        return;
      } catch (error) {
        form.fail(error, 'caseNumber');
      }
    }
    checkPage(res, form, form.status);
  });

  router.get('/sprawdz-stan-sprawy/:id', citizen, async (req, res) => {
    const params = idParams.safeParse(req.params);
    if (!params.success) throw AppError.notFound('Nie ma takiej prośby o stan sprawy.');
    const check = await checks.get(sessionOf(res).principal.userId, params.data.id);
    // The page says only that the request was accepted: whether the case exists is for the answer in the inbox.
    sendPage(res, 'stan-sprawy-przyjety', {
      title: 'Prośba o stan sprawy przyjęta',
      check,
      stateLabel: CHECK_STATES[check.status] ?? check.status,
      delivered: check.status === 'delivered' && check.messageId !== null,
    });
  });

  return router;
}

function keyPage(res: express.Response, form: WebForm, status = 200): void {
  res.set(form.headers);
  sendPage(
    res,
    'klucz-dostepu',
    {
      title: 'Wpisz internetowy klucz dostępu',
      errorList: form.summary(),
      fields: { key: form.field('key', { autocomplete: 'off', hint: '16 znaków, np. ABCD-EFGH-JKMN-PQRS. Wielkość liter, myślniki i spacje nie mają znaczenia.', extraClass: 'field--key' }) },
    },
    status,
  );
}

function checkPage(res: express.Response, form: WebForm, status = 200): void {
  res.set(form.headers);
  sendPage(
    res,
    'sprawdz-stan-sprawy',
    {
      title: 'Sprawdź stan sprawy',
      errorList: form.summary(),
      fields: { caseNumber: form.field('caseNumber', { autocomplete: 'off', hint: 'Na przykład GN.6840.12.2026. Znak sprawy znajdziesz w wiadomości o założeniu sprawy albo na piśmie z urzędu.' }) },
    },
    status,
  );
}
