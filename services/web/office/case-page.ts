import type { Response } from 'express';
import { CASE_STATUSES } from '../../../entities/case.entity';
import type { Actor } from '../../audit/actor';
import { responsibleName } from '../../cases/case-summary';
import { CASE_STATUS_LABELS, isFinal } from '../../cases/case-status';
import type { CaseDetail } from '../../office/case-management.schemas';
import { changeCaseBody } from '../../office/case-management.schemas';
import { endOfDayInWarsaw, warsawDate } from '../../shared/office-time';
import { officeLetterPath } from '../../shared/page-paths';
import { sendFormPage } from '../form-page';
import { newFormId } from '../one-shot-forms';
import { WebForm, type FieldSpec } from '../web-forms';
import { officialChoices, type OfficeDeps } from './office-pages';
import { AppError } from '../../shared/app-error';
import { earliestCallDueDate } from '../../correspondence/call-rules';
import { ATTACHMENTS_HINT, callForPage, documentForPage } from '../correspondence-views';
import { ATTACHMENTS_FIELD } from '../web-uploads';
import { officeCasePath } from '../../shared/page-paths';

/** The change form on a case's page. */
export const CHANGE_FIELDS: FieldSpec[] = [
  { name: 'status', label: 'Stan sprawy' },
  { name: 'responsibleLogin', label: 'Login nowej osoby odpowiedzialnej' },
  { name: 'note', label: 'Notatka do historii sprawy' },
  { name: 'dueAt', label: 'Nowy termin załatwienia (art. 36 KPA)' },
  { name: 'reason', label: 'Uzasadnienie nowego terminu' },
];

/** The call for completion form (KPA art. 64 §2). */
export const CALL_FIELDS: FieldSpec[] = [
  { name: 'what', label: 'Co strona ma uzupełnić', required: 'Wpisz, co strona ma uzupełnić.' },
  { name: 'dueDate', label: 'Termin na uzupełnienie', required: 'Wybierz termin na uzupełnienie.' },
];

/** The office letter form. */
export const LETTER_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Tytuł pisma', required: 'Wpisz tytuł pisma.' },
  { name: 'content', label: 'Treść pisma', required: 'Wpisz treść pisma.' },
  { name: ATTACHMENTS_FIELD, label: 'Załączniki' },
];

/** The forms of a case's page, the one-shot ids of the call and letter forms, and the form just sent (its problems head the page). */
export interface CaseForms {
  change: WebForm;
  call: WebForm;
  callFormId: string;
  letter: WebForm;
  letterFormId: string;
  sent?: WebForm;
}

/** The page's forms as they are before anything is typed. */
export function freshCaseForms(detail: Pick<CaseDetail, 'status'>): CaseForms {
  return {
    change: new WebForm(CHANGE_FIELDS, { status: detail.status }),
    call: new WebForm(CALL_FIELDS),
    callFormId: newFormId(),
    letter: new WebForm(LETTER_FIELDS),
    letterFormId: newFormId(),
  };
}

/** What `read` answers, or null when the case is not the actor's to read (another unit's official). */
async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

/** The change form's API body (a date field's day becomes its end in Warsaw); null when the form has problems. */
export function parseChange(form: WebForm) {
  const v = form.values;
  const dueAt = v.dueAt ? endOfDayInWarsaw(v.dueAt) : undefined;
  if (v.dueAt && !dueAt) form.addFieldError('dueAt', 'Podaj datę w postaci RRRR-MM-DD.');
  // The API's own sentences for these name its fields (dueAt, reason); the page names its own.
  if (v.dueAt?.trim() && !v.reason?.trim()) form.addFieldError('reason', 'Nowy termin wymaga uzasadnienia: wpisz przyczynę zwłoki (art. 36 KPA).');
  if (!v.dueAt?.trim() && v.reason?.trim()) form.addFieldError('reason', 'Uzasadnienie wpisuje się tylko razem z nowym terminem. Wybierz nowy termin albo usuń uzasadnienie.');
  return form.parse(changeCaseBody, {
    status: v.status || undefined,
    ...(v.responsibleLogin?.trim() ? { responsibleLogin: v.responsibleLogin } : {}),
    ...(v.note?.trim() ? { note: v.note } : {}),
    ...(dueAt ? { dueAt } : {}),
    ...(v.reason?.trim() ? { reason: v.reason } : {}),
  });
}

/** Shows one case: its data and history, and the change form to those the domain lets change it. */
export async function sendCasePage(
  res: Response,
  deps: OfficeDeps,
  actor: Actor,
  detail: CaseDetail,
  forms: CaseForms,
  notice: string | null,
  status = 200,
): Promise<void> {
  const { management, units } = deps;
  // Others see no form that would only refuse them.
  const right = await management.changeRight(actor, detail);
  const officials = await officialChoices(units, detail.unit.symbol);
  const form = forms.change;
  const calls = await readable(() => deps.calls.forOffice(actor, detail.number));
  const documents = await readable(() => deps.documents.forOffice(actor, detail.number));
  const openingLetterId = await deps.submissionReading.openingLetterFor(actor, detail.number);
  const base = officeCasePath(detail.number);
  sendFormPage(
    res,
    'urzad/sprawa',
    forms.sent ?? form,
    {
      canRead: calls !== null && documents !== null,
      calls: calls?.items.map(callForPage) ?? [],
      documents: documents?.items.map((d) => documentForPage(d, base)) ?? [],
      canCall: right === 'allowed',
      // A letter (the decision) may follow the end of a case: the unit rule alone decides.
      canSendLetter: (right === 'closed' ? await management.changeRight(actor, { ...detail, status: 'in_progress' }) : right) === 'allowed',
      callAction: `${base}/wezwanie`,
      callFormId: forms.callFormId,
      letterAction: `${base}/pismo`,
      letterFormId: forms.letterFormId,
      title: `Sprawa ${detail.number}`,
      notice,
      detail: {
        ...detail,
        responsible: responsibleName(detail),
        history: detail.history.map((h) => ({ ...h, statusLabel: CASE_STATUS_LABELS[h.status] })),
      },
      closed: isFinal(detail.status),
      canChange: right === 'allowed',
      otherUnit: right === 'other_unit',
      canReissueKey: actor.role === 'registrar',
      keyFormId: newFormId(),
      encodedNumber: encodeURIComponent(detail.number),
      openingLetterHref: openingLetterId ? officeLetterPath(openingLetterId) : null,
      fields: {
        status: form.field('status', { options: CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] })) }),
        responsibleLogin: form.field('responsibleLogin', {
          autocomplete: 'off',
          hint: 'Zostaw puste, aby nie zmieniać. Referent musi należeć do komórki prowadzącej sprawę; podczas pisania podpowiadamy jej referentów.',
          suggestions: officials,
        }),
        note: form.field('note', { textarea: true, hint: 'Nieobowiązkowe. Notatka trafi do historii sprawy, którą widzi wnioskodawca.' }),
        dueAt: form.field('dueAt', { type: 'date', hint: detail.dueAt ? `Obecny termin: ${warsawDate(detail.dueAt)}. Zostaw puste, aby nie zmieniać.` : 'Zostaw puste, aby nie zmieniać.', extraClass: 'field--narrow' }),
        reason: form.field('reason', { textarea: true, hint: 'Wymagane, gdy wyznaczasz nowy termin: przyczyna zwłoki.' }),
        what: forms.call.field('what', { textarea: true, hint: 'Wymień braki, np. dokumenty do dołączenia. Strona zobaczy ten tekst w skrzynce kontaktowej. Najwyżej 5000 znaków.' }),
        dueDate: forms.call.field('dueDate', {
          type: 'date',
          hint: `Co najmniej 7 dni (art. 64 § 2 KPA): najwcześniej ${earliestCallDueDate(new Date())}. Do odpowiedzi strony termin załatwienia sprawy nie biegnie.`,
          extraClass: 'field--narrow',
        }),
        title: forms.letter.field('title', { hint: 'Na przykład: Decyzja nr 12/2026 albo Zawiadomienie o wszczęciu postępowania. Najwyżej 200 znaków.' }),
        content: forms.letter.field('content', { textarea: true }),
        attachments: forms.letter.field(ATTACHMENTS_FIELD, { type: 'file', hint: ATTACHMENTS_HINT }),
      },
    },
    status,
  );
}
