import express from 'express';
import { idParams } from '../../inbox/inbox.schemas';
import { AppError } from '../../shared/app-error';
import { PAGES } from '../../shared/page-paths';
import { statusCheckBody } from '../../status-checks/status-check.schemas';
import type { StatusCheckService } from '../../status-checks/status-check.service';
import { sessionOf } from '../../http/session';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { sendPage } from '../web-render';
import { citizen } from './citizen-pages';

const CHECK_FIELDS: FieldSpec[] = [{ name: 'caseNumber', label: 'Znak sprawy', required: 'Wpisz znak sprawy.' }];

const CHECK_STATES: Record<string, string> = {
  queued: 'Prośba czeka w kolejce na odpowiedź.',
  delivered: 'Odpowiedź jest już w skrzynce kontaktowej.',
  failed: 'Nie udało się przygotować odpowiedzi. Spróbuj ponownie za kilka minut.',
};

/** "Sprawdź stan sprawy": the request, and the page saying it was accepted (the answer comes to the inbox). */
export function statusCheckRoutes(checks: StatusCheckService): express.Router {
  const router = express.Router();

  router.get(PAGES.statusCheck, citizen, (req, res) => {
    const typed = typeof req.query.znak === 'string' ? req.query.znak.slice(0, 64) : '';
    checkPage(res, new WebForm(CHECK_FIELDS, { caseNumber: typed }));
  });

  router.post(PAGES.statusCheck, citizen, (req, res) =>
    postForm(res, {
      form: WebForm.from(CHECK_FIELDS, req.body),
      parse: (form) => form.parse(statusCheckBody, { caseNumber: form.values.caseNumber ?? '' }),
      act: async (input) => {
        const accepted = await checks.request(sessionOf(res).principal.userId, input.caseNumber);
        return `${PAGES.statusCheck}/${accepted.id}`;
      },
      show: (form, status) => checkPage(res, form, status),
      errorField: 'caseNumber',
    }),
  );

  router.get(`${PAGES.statusCheck}/:id`, citizen, async (req, res) => {
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

function checkPage(res: express.Response, form: WebForm, status = 200): void {
  const caseNumber = form.field('caseNumber', { autocomplete: 'off', hint: 'Na przykład GN.6840.12.2026. Znak sprawy znajdziesz w wiadomości o założeniu sprawy albo na piśmie z urzędu.' });
  sendFormPage(res, 'sprawdz-stan-sprawy', form, { title: 'Sprawdź stan sprawy', fields: { caseNumber } }, status);
}
