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

/** The change form on a case's page. */
export const CHANGE_FIELDS: FieldSpec[] = [
  { name: 'status', label: 'Stan sprawy' },
  { name: 'responsibleLogin', label: 'Login nowej osoby odpowiedzialnej' },
  { name: 'note', label: 'Notatka do historii sprawy' },
  { name: 'dueAt', label: 'Nowy termin załatwienia (art. 36 KPA)' },
  { name: 'reason', label: 'Uzasadnienie nowego terminu' },
];

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
  { management, units, submissionReading }: OfficeDeps,
  actor: Actor,
  detail: CaseDetail,
  form: WebForm,
  notice: string | null,
  status = 200,
): Promise<void> {
  // Others see no form that would only refuse them.
  const right = await management.changeRight(actor, detail);
  const officials = await officialChoices(units, detail.unit.symbol);
  const openingLetterId = await submissionReading.openingLetterFor(actor, detail.number);
  sendFormPage(
    res,
    'urzad/sprawa',
    form,
    {
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
      },
    },
    status,
  );
}
