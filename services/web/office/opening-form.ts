import type { Response } from 'express';
import type { UnitsService } from '../../office/units.service';
import { sendFormPage } from '../form-page';
import type { FieldSpec, WebForm } from '../web-forms';
import { officialChoices, unitChoices, type Choice } from './office-pages';

const DEADLINES = [
  { value: '30', label: '30 dni (sprawa szczególnie skomplikowana: 60 dni)' },
  { value: '7', label: '7 dni' },
  { value: '14', label: '14 dni' },
  { value: '60', label: '60 dni' },
];
const CASE_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Tytuł sprawy', required: 'Wpisz tytuł sprawy.' },
  { name: 'unitSymbol', label: 'Komórka prowadząca', required: 'Wybierz komórkę prowadzącą.' },
  { name: 'jrwaSymbol', label: 'Symbol klasyfikacyjny JRWA', required: 'Wpisz symbol JRWA.' },
  { name: 'deadlineDays', label: 'Termin załatwienia' },
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
export const OPEN_ALIASES = { 'applicant.firstName': 'firstName', 'applicant.lastName': 'lastName', submissionId: 'title' };

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
    deadlineDays: Number(v.deadlineDays ?? '30'),
    ...(v.responsibleLogin?.trim() ? { responsibleLogin: v.responsibleLogin } : {}),
  };
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
        deadlineDays: form.field('deadlineDays', { options: DEADLINES, hint: 'Art. 35 KPA: bez zbędnej zwłoki, nie później niż w miesiąc (w sprawie szczególnie skomplikowanej — dwa miesiące).' }),
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
