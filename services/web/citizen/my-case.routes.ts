import express from 'express';
import { responsibleName } from '../../cases/case-summary';
import { notYourCase, type CitizenCasesService } from '../../citizen-cases/citizen-cases.service';
import { caseNumberParams } from '../../office/office.schemas';
import { fileReminderBody } from '../../reminders/reminder.schemas';
import type { ReminderService } from '../../reminders/reminder.service';
import { citizenCasePath, PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { postForm, sendFormPage } from '../form-page';
import { WebForm, type FieldSpec } from '../web-forms';
import { citizen } from './citizen-pages';

const REMINDER_FIELDS: FieldSpec[] = [
  { name: 'justification', label: 'Uzasadnienie ponaglenia', required: 'Wpisz uzasadnienie ponaglenia: napisz, dlaczego uważasz, że sprawa trwa za długo.' },
];

/** One of the citizen's cases: its facts, deadline and history, and the ponaglenie (KPA art. 37) when it is overdue. */
export function myCaseRoutes(cases: CitizenCasesService, reminders: ReminderService): express.Router {
  const router = express.Router();
  const path = `${PAGES.myCases}/:number`;

  router.get(path, citizen, async (req, res) => {
    const notice = req.query.ponaglenie !== undefined ? 'Złożono ponaglenie. Urząd przekaże je organowi wyższego stopnia w ciągu 7 dni.' : null;
    await casePage(req, res, new WebForm(REMINDER_FIELDS), notice);
  });

  router.post(`${path}/ponaglenie`, citizen, async (req, res) => {
    const number = numberOf(req);
    await postForm(res, {
      form: WebForm.from(REMINDER_FIELDS, req.body),
      parse: (form) => form.parse(fileReminderBody, { justification: form.values.justification ?? '' }),
      act: async (input) => {
        await reminders.file(sessionOf(res).principal.userId, { ip: req.ip ?? null }, number, input);
        return `${citizenCasePath(number)}?ponaglenie=zlozone`;
      },
      show: (form, status) => casePage(req, res, form, null, status),
      errorField: 'justification',
    });
  });

  /** Draws the case page; someone else's case or an unknown number is the 404 page (the same for both). */
  async function casePage(req: express.Request, res: express.Response, form: WebForm, notice: string | null, status = 200): Promise<void> {
    const userId = sessionOf(res).principal.userId;
    const number = numberOf(req);
    const detail = await cases.get(userId, number);
    const { reminders: filed, refusal } = await reminders.ofCitizenCase(userId, number);
    sendFormPage(
      res,
      'moja-sprawa',
      form,
      {
        title: `Sprawa ${detail.number}`,
        notice,
        detail: { ...detail, responsible: responsibleName(detail) },
        reminders: filed.map((r) => ({ ...r, forwarded: r.status === 'forwarded' })),
        canFile: refusal === null,
        pending: refusal === 'reminder_pending',
        formAction: `${citizenCasePath(detail.number)}/ponaglenie`,
        statusCheckHref: `${PAGES.statusCheck}?znak=${encodeURIComponent(detail.number)}`,
        fields: {
          justification: form.field('justification', {
            textarea: true,
            hint: 'Napisz, dlaczego uważasz, że sprawa trwa za długo, np. od kiedy czekasz i co już zrobiłeś. Najwyżej 5000 znaków.',
          }),
        },
      },
      status,
    );
  }

  return router;
}

/** The case number in the address; one that cannot be a case number is the same 404 as any other case not the citizen's. */
function numberOf(req: express.Request): string {
  const parsed = caseNumberParams.safeParse(req.params);
  if (!parsed.success) throw notYourCase();
  return parsed.data.number;
}
