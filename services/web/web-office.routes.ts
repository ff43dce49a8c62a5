import express, { type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { CASE_STATUSES } from '../../entities/case.entity';
import { actorOf } from '../audit/actor';
import { CASE_STATUS_LABELS, isFinal } from '../cases/case-status';
import { changeCaseBody, caseListQuery } from '../office/case-management.schemas';
import type { CaseManagementService } from '../office/case-management.service';
import type { CaseOpeningService } from '../office/case-opening.service';
import { listOfficeSubmissions } from '../office/office-submissions.service';
import { caseNumberParams, openCaseBody } from '../office/office.schemas';
import type { UnitsService } from '../office/units.service';
import { AppError } from '../shared/app-error';
import { newFormId, type OneShotForms, type OneShotOutcome } from './one-shot-forms';
import { WebForm, type FieldSpec } from './web-forms';
import { sendPage } from './web-render';
import { requireLogin, sessionOf } from '../http/session';
import { endOfDayInWarsaw, warsawDate } from '../shared/office-time';

const staff = requireLogin(['registrar', 'official', 'admin']);
const registrar = requireLogin(['registrar']);
const PAGE_SIZE = 20;

const ROLE_LABELS: Record<string, string> = { registrar: 'kancelaria', official: 'referent', admin: 'administrator' };
const DEADLINES = [
  { value: '30', label: '30 dni (sprawa szczególnie skomplikowana: 60 dni)' },
  { value: '7', label: '7 dni' },
  { value: '14', label: '14 dni' },
  { value: '60', label: '60 dni' },
];
const FROM_SUBMISSION_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Tytuł sprawy', required: 'Wpisz tytuł sprawy.' },
  { name: 'unitSymbol', label: 'Komórka prowadząca', required: 'Wybierz komórkę prowadzącą.' },
  { name: 'jrwaSymbol', label: 'Symbol klasyfikacyjny JRWA', required: 'Wpisz symbol JRWA.' },
  { name: 'deadlineDays', label: 'Termin załatwienia' },
  { name: 'responsibleLogin', label: 'Login osoby odpowiedzialnej (referenta)' },
];
const PAPER_FIELDS: FieldSpec[] = [
  { name: 'firstName', label: 'Imię wnioskodawcy', required: 'Wpisz imię wnioskodawcy.' },
  { name: 'lastName', label: 'Nazwisko wnioskodawcy', required: 'Wpisz nazwisko wnioskodawcy.' },
  { name: 'title', label: 'Tytuł sprawy', required: 'Wpisz tytuł sprawy.' },
  { name: 'unitSymbol', label: 'Komórka prowadząca', required: 'Wybierz komórkę prowadzącą.' },
  { name: 'jrwaSymbol', label: 'Symbol klasyfikacyjny JRWA', required: 'Wpisz symbol JRWA.' },
  { name: 'deadlineDays', label: 'Termin załatwienia' },
  { name: 'responsibleLogin', label: 'Login osoby odpowiedzialnej (referenta)' },
  { name: 'issueAccessKey', label: 'Wydaj internetowy klucz dostępu (wnioskodawca o niego poprosił)' },
];
const OPEN_ALIASES = { 'applicant.firstName': 'firstName', 'applicant.lastName': 'lastName', submissionId: 'title' };
const CHANGE_FIELDS: FieldSpec[] = [
  { name: 'status', label: 'Stan sprawy' },
  { name: 'responsibleLogin', label: 'Login nowej osoby odpowiedzialnej' },
  { name: 'note', label: 'Notatka do historii sprawy' },
  { name: 'dueAt', label: 'Nowy termin załatwienia (art. 36 KPA)' },
  { name: 'reason', label: 'Uzasadnienie nowego terminu' },
];

/** The office's pages: dashboard, incoming ESP submissions, opening cases, the case list and one case. */
export function webOfficeRoutes(
  dataSource: DataSource,
  opening: CaseOpeningService,
  management: CaseManagementService,
  units: UnitsService,
  once: OneShotForms,
): express.Router {
  const router = express.Router();

  const unitOptions = async (withAny: boolean) => [
    ...(withAny ? [{ value: '', label: 'Wszystkie komórki' }] : [{ value: '', label: 'Wybierz komórkę' }]),
    ...(await units.listUnits()).items.map((u) => ({ value: u.symbol, label: `${u.symbol} — ${u.name}` })),
  ];
  /** What the case-opening forms offer: the units, and the officials to suggest as responsible. */
  const openingChoices = async (): Promise<OpeningChoices> => ({ units: await unitOptions(false), officials: officialSuggestions(await units.listOfficials()) });
  /** The officials of a case's unit, suggested on its change form. */
  const unitOfficials = async (unitSymbol: string) => officialSuggestions(await units.listOfficials(unitSymbol));

  router.get('/urzad', staff, async (_req, res) => {
    const { principal } = sessionOf(res);
    const received = principal.role === 'registrar' ? (await listOfficeSubmissions(dataSource, 'received')).items.length : null;
    sendPage(res, 'urzad/pulpit', {
      title: 'Pulpit urzędu',
      roleLabel: ROLE_LABELS[principal.role],
      registrar: principal.role === 'registrar',
      admin: principal.role === 'admin',
      received,
    });
  });

  router.get('/urzad/pisma', registrar, async (req, res) => {
    const status = req.query.stan === 'registered' ? 'registered' : req.query.stan === 'all' ? undefined : 'received';
    const { items } = await listOfficeSubmissions(dataSource, status);
    sendPage(res, 'urzad/pisma', {
      title: 'Pisma z Elektronicznej Skrzynki Podawczej',
      filter: status ?? 'all',
      submissions: items.map((s) => ({ ...s, received: s.status === 'received', sizes: s.attachments.map((a) => a.filename).join(', ') })),
    });
  });

  const submissionFor = async (id: string) => {
    const found = (await listOfficeSubmissions(dataSource, 'received')).items.find((s) => s.id === id);
    if (!found) throw AppError.notFound('Nie ma takiego pisma albo założono już na jego podstawie sprawę.');
    return found;
  };

  router.get('/urzad/pisma/:id', registrar, async (req, res) => {
    const submission = await submissionFor(String(req.params.id));
    openPage(res, 'urzad/sprawa-z-pisma', new WebForm(FROM_SUBMISSION_FIELDS, { title: submission.title, deadlineDays: '30' }), await openingChoices(), { submission });
  });

  router.post('/urzad/pisma/:id', registrar, async (req, res) => {
    const submission = await submissionFor(String(req.params.id));
    const form = WebForm.from(FROM_SUBMISSION_FIELDS, req.body, OPEN_ALIASES);
    const input = form.parse(openCaseBody, { ...commonOpenInput(form), submissionId: submission.id });
    if (input) {
      try {
        const opened = await opening.open(await actorOf(dataSource, sessionOf(res).principal, req), input);
        res.redirect(303, `/urzad/sprawy/${encodeURIComponent(opened.number)}?zalozono=1`);
        return;
      } catch (error) {
        form.fail(error, notFoundField(error));
      }
    }
    openPage(res, 'urzad/sprawa-z-pisma', form, await openingChoices(), { submission }, form.status);
  });

  router.get('/urzad/sprawy/nowa', registrar, async (_req, res) => {
    openPage(res, 'urzad/sprawa-nowa', new WebForm(PAPER_FIELDS, { deadlineDays: '30' }), await openingChoices(), { formId: newFormId() });
  });

  router.post('/urzad/sprawy/nowa', registrar, async (req, res) => {
    const form = WebForm.from(PAPER_FIELDS, req.body, OPEN_ALIASES);
    const input = form.parse(openCaseBody, {
      ...commonOpenInput(form),
      applicant: { firstName: form.values.firstName ?? '', lastName: form.values.lastName ?? '' },
      issueAccessKey: form.checked('issueAccessKey'),
    });
    const formId = formIdOf(req);
    if (input) {
      // A reload of the page below sends this form again: it must not open a second case.
      let outcome: OneShotOutcome<Awaited<ReturnType<CaseOpeningService['open']>>> | undefined;
      try {
        outcome = await once.run(formId, async () => opening.open(await actorOf(dataSource, sessionOf(res).principal, req), input), (opened) => opened.number);
      } catch (error) {
        form.fail(error, notFoundField(error));
      }
      if (outcome && !outcome.done) {
        alreadySent(
          res,
          outcome.result,
          outcome.result
            ? 'Ten formularz został już wysłany i sprawa jest założona. Klucza dostępu nie pokazujemy ponownie: jeśli go nie zapisano, wydaj nowy na stronie sprawy.'
            : 'Ten formularz jest właśnie wysyłany. Za chwilę sprawdź listę spraw, zanim wyślesz go ponownie.',
        );
        return;
      }
      if (outcome?.done) {
        const opened = outcome.value;
        // The key is shown here once: it is not stored, so this page is its only copy.
        sendPage(res, 'urzad/sprawa-zalozona', { title: `Założono sprawę ${opened.number}`, opened, accessKey: opened.accessKey ?? null }, 201);
        return;
      }
    }
    openPage(res, 'urzad/sprawa-nowa', form, await openingChoices(), { formId: formId ?? newFormId() }, form.status);
  });

  router.get('/urzad/sprawy', staff, async (req, res) => {
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.strona ?? '1'), 10) || 1));
    const raw = { status: str(req.query.stan), unit: str(req.query.komorka), q: str(req.query.szukaj) };
    const parsed = caseListQuery.safeParse({ ...dropEmpty(raw), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const query = parsed.success ? parsed.data : { limit: PAGE_SIZE, offset: 0 };
    const list = await management.list(query);
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    const keep = new URLSearchParams(dropEmpty(raw) as Record<string, string>);
    const pageHref = (n: number) => `/urzad/sprawy?${new URLSearchParams({ ...Object.fromEntries(keep), strona: String(n) })}`;
    sendPage(res, 'urzad/sprawy', {
      title: 'Sprawy',
      filters: {
        status: selectOptions([{ value: '', label: 'Wszystkie stany' }, ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))], raw.status ?? ''),
        unit: selectOptions(await unitOptions(true), raw.unit ?? ''),
        q: raw.q ?? '',
      },
      invalidFilter: !parsed.success,
      cases: list.items.map((c) => ({ ...c, href: `/urzad/sprawy/${encodeURIComponent(c.number)}`, responsible: c.responsiblePerson ? `${c.responsiblePerson.firstName} ${c.responsiblePerson.lastName}` : null })),
      total: list.total,
      page,
      pages,
      previous: page > 1 ? pageHref(page - 1) : null,
      next: page < pages ? pageHref(page + 1) : null,
    });
  });

  router.get('/urzad/sprawy/:number', staff, async (req, res) => {
    const { number } = parseNumber(req);
    const detail = await management.get(number);
    const notice = Object.entries(CASE_NOTICES).find(([key]) => req.query[key] !== undefined)?.[1](detail.number) ?? null;
    await casePage(res, dataSource, detail, await unitOfficials(detail.unit.symbol), new WebForm(CHANGE_FIELDS, { status: detail.status }), notice);
  });

  // After a login that a POST of "Wydaj nowy klucz dostępu" led to (the session had expired), the
  // browser comes back here with GET: the way on is the case page, where the button is.
  router.get('/urzad/sprawy/:number/klucz', registrar, (req, res) => {
    res.redirect(303, `/urzad/sprawy/${encodeURIComponent(parseNumber(req).number)}`);
  });

  router.post('/urzad/sprawy/:number', requireLogin(['official', 'admin']), async (req, res) => {
    const { number } = parseNumber(req);
    const form = WebForm.from(CHANGE_FIELDS, req.body);
    const v = form.values;
    const dueAt = v.dueAt ? endOfDayInWarsaw(v.dueAt) : undefined;
    if (v.dueAt && !dueAt) form.addFieldError('dueAt', 'Podaj datę w postaci RRRR-MM-DD.');
    // The API's own sentences for these name its fields (dueAt, reason); the page names its own.
    if (v.dueAt?.trim() && !v.reason?.trim()) form.addFieldError('reason', 'Nowy termin wymaga uzasadnienia: wpisz przyczynę zwłoki (art. 36 KPA).');
    if (!v.dueAt?.trim() && v.reason?.trim()) form.addFieldError('reason', 'Uzasadnienie wpisuje się tylko razem z nowym terminem. Wybierz nowy termin albo usuń uzasadnienie.');
    const input = form.parse(changeCaseBody, {
      status: v.status || undefined,
      ...(v.responsibleLogin?.trim() ? { responsibleLogin: v.responsibleLogin } : {}),
      ...(v.note?.trim() ? { note: v.note } : {}),
      ...(dueAt ? { dueAt } : {}),
      ...(v.reason?.trim() ? { reason: v.reason } : {}),
    });
    if (input) {
      try {
        const before = await management.get(number);
        const after = await management.change(await actorOf(dataSource, sessionOf(res).principal, req), number, input);
        // A form sent as it was shown changes nothing; saying "saved" then would mislead.
        const changed = JSON.stringify(before) !== JSON.stringify(after);
        res.redirect(303, `/urzad/sprawy/${encodeURIComponent(number)}?${changed ? 'zapisano' : 'bez-zmian'}=1`);
        return;
      } catch (error) {
        form.fail(error, notFoundField(error));
      }
    }
    const detail = await management.get(number);
    await casePage(res, dataSource, detail, await unitOfficials(detail.unit.symbol), form, null, form.status);
  });

  router.post('/urzad/sprawy/:number/klucz', registrar, async (req, res) => {
    const { number } = parseNumber(req);
    const formId = formIdOf(req);
    // A reload of the key page must not issue yet another key (and kill the one just handed over).
    const outcome = await once.run(formId, async () => opening.reissueKey(await actorOf(dataSource, sessionOf(res).principal, req), number), () => number);
    if (!outcome.done) {
      alreadySent(
        res,
        number,
        outcome.result
          ? 'Ten klucz został już wydany tym formularzem i nie pokazujemy go ponownie. Jeśli go nie zapisano, wydaj nowy klucz na stronie sprawy.'
          : 'Ten formularz jest właśnie wysyłany. Za chwilę sprawdź stronę sprawy, zanim wydasz kolejny klucz.',
      );
      return;
    }
    sendPage(res, 'urzad/klucz-wydany', { title: `Nowy klucz dostępu do sprawy ${number}`, number, accessKey: outcome.value.accessKey }, 201);
  });

  return router;
}

/** The hidden `formId` of a one-shot form, if the body has one. */
function formIdOf(req: Request): string | undefined {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.formId;
  return typeof value === 'string' ? value : undefined;
}

/** The answer to a one-shot form sent again: what was done, with a way to it; nothing repeated. */
function alreadySent(res: Response, number: string | null, detail: string): void {
  sendPage(res, 'urzad/formularz-wyslany', { title: 'Formularz został już wysłany', detail, number, encodedNumber: number ? encodeURIComponent(number) : null }, 409);
}

function commonOpenInput(form: WebForm) {
  const v = form.values;
  return {
    unitSymbol: v.unitSymbol ?? '',
    jrwaSymbol: v.jrwaSymbol ?? '',
    title: v.title ?? '',
    deadlineDays: Number(v.deadlineDays ?? '30'),
    ...(v.responsibleLogin?.trim() ? { responsibleLogin: v.responsibleLogin } : {}),
  };
}

type Choice = { value: string; label: string };
interface OpeningChoices {
  units: Choice[];
  officials: Choice[];
}

/** Officials as suggestions for the login field: the login, with the name and unit to recognise. */
function officialSuggestions(officials: Array<{ login: string; firstName: string; lastName: string; unitSymbol: string }>): Choice[] {
  return officials.map((o) => ({ value: o.login, label: `${o.firstName} ${o.lastName} (${o.unitSymbol})` }));
}

function openPage(res: Response, view: string, form: WebForm, choices: OpeningChoices, extra: Record<string, unknown>, status = 200): void {
  const paper = view === 'urzad/sprawa-nowa';
  res.set(form.headers);
  sendPage(
    res,
    view,
    {
      title: paper ? 'Załóż sprawę z wniosku papierowego' : 'Załóż sprawę z pisma',
      errorList: form.summary(),
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

const CASE_NOTICES: Record<string, (number: string) => string> = {
  zalozono: (number) => `Założono sprawę ${number}.`,
  zapisano: () => 'Zapisano zmiany w sprawie.',
  'bez-zmian': () => 'Nie zapisano niczego: formularz nie zawierał żadnej zmiany.',
};

/**
 * The form field a refused opening or change is about. The services name an unknown official
 * or unit only in their sentence (both are 404 not_found), and the sentence belongs next to
 * the field that was typed, not at the top of the form.
 */
function notFoundField(error: unknown): string | undefined {
  if (!(error instanceof AppError) || error.code !== 'not_found') return undefined;
  if (error.detail.startsWith('Nie ma referenta')) return 'responsibleLogin';
  if (error.detail.startsWith('Nie ma komórki')) return 'unitSymbol';
  return undefined;
}

/** The unit symbol of a staff member (officials have one), or null. */
async function unitSymbolOf(dataSource: DataSource, userId: string): Promise<string | null> {
  const rows: Array<{ symbol: string }> = await dataSource.query(`SELECT u.symbol FROM users s JOIN units u ON u.id = s.unit_id WHERE s.id = $1`, [userId]);
  return rows[0]?.symbol ?? null;
}

async function casePage(
  res: Response,
  dataSource: DataSource,
  detail: Awaited<ReturnType<CaseManagementService['get']>>,
  officials: Choice[],
  form: WebForm,
  notice: string | null,
  status = 200,
): Promise<void> {
  const { principal } = sessionOf(res);
  // Only an official of the case's unit (or an admin) may change it: others see no form that would only refuse them.
  const ownUnit = principal.role === 'official' && (await unitSymbolOf(dataSource, principal.userId)) === detail.unit.symbol;
  res.set(form.headers);
  sendPage(
    res,
    'urzad/sprawa',
    {
      title: `Sprawa ${detail.number}`,
      notice,
      errorList: form.summary(),
      detail: {
        ...detail,
        responsible: detail.responsiblePerson ? `${detail.responsiblePerson.firstName} ${detail.responsiblePerson.lastName}` : null,
        history: detail.history.map((h) => ({ ...h, statusLabel: CASE_STATUS_LABELS[h.status] })),
      },
      closed: isFinal(detail.status),
      canChange: (principal.role === 'admin' || ownUnit) && !isFinal(detail.status),
      otherUnit: principal.role === 'official' && !ownUnit && !isFinal(detail.status),
      canReissueKey: principal.role === 'registrar',
      keyFormId: newFormId(),
      encodedNumber: encodeURIComponent(detail.number),
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

function parseNumber(req: Request): { number: string } {
  const parsed = caseNumberParams.safeParse(req.params);
  if (!parsed.success) throw AppError.notFound('Nie ma sprawy o takim znaku.');
  return parsed.data;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function dropEmpty<T extends Record<string, string | undefined>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function selectOptions(options: Array<{ value: string; label: string }>, selected: string) {
  return options.map((o) => ({ ...o, selected: o.value === selected }));
}
