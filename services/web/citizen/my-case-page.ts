import type express from 'express';
import { responsibleName } from '../../cases/case-summary';
import type { CitizenCasesService } from '../../citizen-cases/citizen-cases.service';
import type { CaseCallsService } from '../../correspondence/case-calls.service';
import type { CaseDocumentsService } from '../../correspondence/case-documents.service';
import type { ReminderService } from '../../reminders/reminder.service';
import { citizenCasePath, citizenLetterPath, PAGES } from '../../shared/page-paths';
import { isFinal } from '../../cases/case-status';
import { sessionOf } from '../../http/session';
import { sendFormPage } from '../form-page';
import { ATTACHMENTS_HINT, callForPage, documentForPage } from '../correspondence-views';
import { newFormId } from '../one-shot-forms';
import { WebForm, type FieldSpec } from '../web-forms';
import { ATTACHMENTS_FIELD } from '../web-uploads';

export const REMINDER_FIELDS: FieldSpec[] = [
  { name: 'justification', label: 'Uzasadnienie ponaglenia', required: 'Wpisz uzasadnienie ponaglenia: napisz, dlaczego uważasz, że sprawa trwa za długo.' },
];

/** The reply form: which call it answers (or none), the text, the files. */
export const REPLY_FIELDS: FieldSpec[] = [
  { name: 'callId', label: 'Na co odpowiadasz' },
  { name: 'content', label: 'Treść odpowiedzi', required: 'Wpisz treść odpowiedzi.' },
  { name: ATTACHMENTS_FIELD, label: 'Załączniki' },
];

/** What the citizen's case page reads. */
export interface MyCaseDeps {
  cases: CitizenCasesService;
  reminders: ReminderService;
  calls: CaseCallsService;
  documents: CaseDocumentsService;
}

/** The case page's two forms, the reply form's one-shot id, and the form just sent (its problems head the page). */
export interface MyCaseForms {
  reminder: WebForm;
  reply: WebForm;
  replyFormId: string;
  sent?: WebForm;
}

/** Fresh forms for the page; the reply form answers the oldest open call unless told otherwise. */
export function freshForms(): MyCaseForms {
  return { reminder: new WebForm(REMINDER_FIELDS), reply: new WebForm(REPLY_FIELDS), replyFormId: newFormId() };
}

/**
 * Draws one of the citizen's cases: its facts, deadline, history, calls for completion with the
 * reply form, documents both ways with their files, and the ponaglenie. Someone else's case or
 * an unknown number is the 404 page (the same for both).
 */
export async function sendMyCasePage(res: express.Response, deps: MyCaseDeps, number: string, forms: MyCaseForms, notice: string | null, status = 200): Promise<void> {
  const userId = sessionOf(res).principal.userId;
  const detail = await deps.cases.get(userId, number);
  const [{ reminders: filed, refusal }, { items: calls }, { items: documents }] = await Promise.all([
    deps.reminders.ofCitizenCase(userId, number),
    deps.calls.forCitizen(userId, number),
    deps.documents.forCitizen(userId, number),
  ]);
  const base = citizenCasePath(detail.number);
  const openCalls = calls.filter((c) => c.status === 'open');
  const { reply } = forms;
  const chosenCall = reply.values.callId ?? openCalls[0]?.id ?? '';
  sendFormPage(
    res,
    'moja-sprawa',
    forms.sent ?? reply,
    {
      title: `Sprawa ${detail.number}`,
      notice,
      detail: { ...detail, responsible: responsibleName(detail) },
      reminders: filed.map((r) => ({ ...r, forwarded: r.status === 'forwarded' })),
      canFile: refusal === null,
      pending: refusal === 'reminder_pending',
      formAction: `${base}/ponaglenie`,
      replyAction: `${base}/odpowiedz`,
      replyFormId: forms.replyFormId,
      canReply: !isFinal(detail.status),
      calls: calls.map(callForPage),
      hasOpenCalls: openCalls.length > 0,
      documents: documents.map((d) => ({ ...documentForPage(d, base), readHref: d.kind === 'letter' ? citizenLetterPath(detail.number, d.id) : null })),
      statusCheckHref: `${PAGES.statusCheck}?znak=${encodeURIComponent(detail.number)}`,
      fields: {
        justification: forms.reminder.field('justification', {
          textarea: true,
          hint: 'Napisz, dlaczego uważasz, że sprawa trwa za długo, np. od kiedy czekasz i co już zrobiłeś. Najwyżej 5000 znaków.',
        }),
        callId: reply.field('callId', {
          value: chosenCall,
          options: [
            ...openCalls.map((c) => ({ value: c.id, label: `Wezwanie do uzupełnienia z terminem do ${c.dueDate}` })),
            { value: '', label: 'Inne pismo w tej sprawie (bez wezwania)' },
          ],
        }),
        content: reply.field('content', { textarea: true, hint: 'Napisz, co uzupełniasz albo co chcesz przekazać urzędowi. Najwyżej 100 000 znaków.' }),
        attachments: reply.field(ATTACHMENTS_FIELD, { type: 'file', hint: ATTACHMENTS_HINT }),
      },
    },
    status,
  );
}
