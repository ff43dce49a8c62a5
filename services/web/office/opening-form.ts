import type { Response } from 'express';
import type { UnitsService } from '../../office/units.service';
import { sendFormPage } from '../form-page';
import type { FieldSpec, WebForm } from '../web-forms';
import { officialChoices, unitChoices, type Choice } from './office-pages';

// The KPA terms (art. 35): a month by default, two for a particularly complicated case, or days.
const DEADLINES = [
  { value: '1m', label: '1 miesiąc (art. 35 § 3 KPA)' },
  { value: '2m', label: '2 miesiące (sprawa szczególnie skomplikowana)' },
  { value: '7d', label: '7 dni' },
  { value: '14d', label: '14 dni' },
  { value: '30d', label: '30 dni' },
  { value: '60d', label: '60 dni' },
];
/** The default choice of the term field. */
export const DEFAULT_DEADLINE_CHOICE = '1m';
const CASE_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Tytuł sprawy', required: 'Wpisz tytuł sprawy.' },
  { name: 'unitSymbol', label: 'Komórka prowadząca', required: 'Wybierz komórkę prowadzącą.' },
  { name: 'jrwaSymbol', label: 'Symbol klasyfikacyjny JRWA', required: 'Wpisz symbol JRWA.' },
  { name: 'deadline', label: 'Termin załatwienia' },
  { name: 'responsibleLogin', label: 'Login osoby odpowiedzialnej (referenta)' },
];
/** Opening a case from an ESP letter: the applicant is the letter's sender. */
export const FROM_LETTER_FIELDS: FieldSpec[] = CASE_FIELDS;
/** Opening a case from a paper application: the applicant is typed in, and may ask for an access key. */
export const PAPER_FIELDS: FieldSpec[] = [
  { name: 'firstName', label: 'Imię wnioskodawcy', required: 'Wpisz imię wnioskodawcy.' },
  { name: 'lastName', label: 'Nazwisko wnioskodawcy', required: 'Wpisz nazwisko wnioskodawcy.' },
  ...CASE_FIELDS,
  { name: 'issueAccessKey', label: 'Wydaj internetowy klucz dostępu (wnioskodawca o niego poprosił)' },
];
/** The API's field paths that the opening forms show under another field. */
export const OPEN_ALIASES = { 'applicant.firstName': 'firstName', 'applicant.lastName': 'lastName', submissionId: 'title', deadlineDays: 'deadline', deadlineMonths: 'deadline' };

/** What the case-opening forms offer: the units, and the officials to suggest as responsible. */
export interface OpeningChoices {
  units: Choice[];
  officials: Choice[];
}

/** The units and officials the opening forms offer. */
export async function openingChoices(units: UnitsService): Promise<OpeningChoices> {
  return { units: await unitChoices(units, false), officials: await officialChoices(units) };
}

/** The part of the API's open-case body both opening forms fill alike. */
export function openCaseInput(form: WebForm) {
  const v = form.values;
  return {
    unitSymbol: v.unitSymbol ?? '',
    jrwaSymbol: v.jrwaSymbol ?? '',
    title: v.title ?? '',
    ...deadlineInput(v.deadline ?? DEFAULT_DEADLINE_CHOICE),
    ...(v.responsibleLogin?.trim() ? { responsibleLogin: v.responsibleLogin } : {}),
  };
}

/** The API's term of a choice of the term field (`1m`, `30d`); anything else is refused by the API's schema. */
function deadlineInput(choice: string): { deadlineDays: number } | { deadlineMonths: number } {
  const match = /^(\d{1,2})([md])$/.exec(choice);
  if (!match) return { deadlineMonths: Number.NaN };
  return match[2] === 'm' ? { deadlineMonths: Number(match[1]) } : { deadlineDays: Number(match[1]) };
}

/** Shows an opening form: from a letter (`urzad/sprawa-z-pisma`) or from paper (`urzad/sprawa-nowa`). */
export function sendOpeningPage(res: Response, view: 'urzad/sprawa-z-pisma' | 'urzad/sprawa-nowa', form: WebForm, choices: OpeningChoices, extra: Record<string, unknown>, status = 200): void {
  const paper = view === 'urzad/sprawa-nowa';
  sendFormPage(
    res,
    view,
    form,
    {
      title: paper ? 'Załóż sprawę z wniosku papierowego' : 'Załóż sprawę z pisma',
      ...extra,
      fields: {
        ...(paper
          ? {
              firstName: form.field('firstName', { autocomplete: 'off' }),
              lastName: form.field('lastName', { autocomplete: 'off' }),
              issueAccessKey: form.field('issueAccessKey', { type: 'checkbox', hint: 'Klucz zobaczysz tylko raz, na następnej stronie — przekaż go wnioskodawcy.' }),
            }
          : {}),
        title: form.field('title'),
        unitSymbol: form.field('unitSymbol', { options: choices.units }),
        jrwaSymbol: form.field('jrwaSymbol', { hint: 'Od 1 do 4 cyfr, np. 6840.', extraClass: 'field--narrow' }),
        deadline: form.field('deadline', { options: DEADLINES, hint: 'Art. 35 KPA: bez zbędnej zwłoki, nie później niż w miesiąc (w sprawie szczególnie skomplikowanej — dwa miesiące). Dni liczy się od dnia po wszczęciu; termin kończący się w sobotę lub dzień wolny przypada na następny dzień roboczy.' }),
        responsibleLogin: form.field('responsibleLogin', {
          hint: 'Nieobowiązkowe. Referent musi należeć do wybranej komórki; podczas pisania podpowiadamy referentów z nazwiskami.',
          autocomplete: 'off',
          suggestions: choices.officials,
        }),
      },
    },
    status,
  );
}
