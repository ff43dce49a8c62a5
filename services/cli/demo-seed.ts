import type { DataSource } from 'typeorm';
import { AccountService } from '../accounts/account.service';
import { findActivationCode } from '../accounts/activation-code.repository';
import { activationCodeOf, createActivationCode } from '../accounts/activation-codes';
import { createStaffAccount } from '../accounts/staff-accounts';
import { findUserStatusByLogin } from '../accounts/user.repository';
import { findPaperCaseNumber } from '../cases/case.repository';
import type { Actor } from '../audit/actor';
import type { AppContext } from '../context';
import { earliestCallDueDate } from '../correspondence/call-rules';
import { CaseOpeningService, findUnit } from '../office/case-opening.service';
import { UnitsService } from '../office/units.service';
import { AppError } from '../shared/app-error';
import { listOwnSubmissions } from '../submissions/submission.repository';

/** Demo data: fixed logins and passwords, so that a second run finds and reuses the same accounts. */
const UNITS = [
  { symbol: 'GN', name: 'Wydział Gospodarki Nieruchomościami', phone: '+48 67 250 01 10', email: 'gn@urzad.example' },
  { symbol: 'OR', name: 'Wydział Organizacyjny', phone: '+48 67 250 01 20', email: 'or@urzad.example' },
  { symbol: 'USC', name: 'Urząd Stanu Cywilnego', phone: '+48 67 250 01 30', email: 'usc@urzad.example' },
];
const ADMIN = { login: 'demo.admin', password: 'Demo-Admin-Haslo-2026', firstName: 'Adam', lastName: 'Administrator', role: 'admin' as const };
const STAFF = [
  { login: 'demo.kancelaria', password: 'Demo-Kancelaria-2026', firstName: 'Renata', lastName: 'Kancelaryjna', role: 'registrar' as const },
  { login: 'demo.referent.gn', password: 'Demo-Referent-GN-2026', firstName: 'Olga', lastName: 'Nowakowska', role: 'official' as const, unitSymbol: 'GN' },
  { login: 'demo.referent.usc', password: 'Demo-Referent-USC-2026', firstName: 'Piotr', lastName: 'Zieliński', role: 'official' as const, unitSymbol: 'USC' },
];
const CITIZEN = { login: 'demo.obywatel', email: 'demo.obywatel@example.pl', password: 'Demo-Obywatel-2026', firstName: 'Jan', lastName: 'Kowalski' };
const SUBMISSION_TITLE = 'Wniosek o wydanie wypisu z rejestru gruntów (demo)';
const PAPER_TITLE = 'Podział nieruchomości przy ul. Polnej 7 (demo)';
const PAPER_APPLICANT = { firstName: 'Zofia', lastName: 'Wiśniewska' };

export interface DemoSeedResult {
  accounts: Array<{ login: string; password: string; role: string; unitSymbol?: string; created: boolean }>;
  units: Array<{ symbol: string; name: string; created: boolean }>;
  /** With a call for completion (awaiting the citizen's reply) and a letter from the office, made with the case. */
  submissionCase: { receiptNumber: string; number: string; created: boolean };
  paperCase: { number: string; accessKey: string; created: boolean };
}

/**
 * Fills an empty (or already seeded) database with a small demo office through the domain
 * services, as the API would. Running it again reuses units, accounts and cases by their
 * symbols, logins and titles; the paper case then gets a fresh access key, since only a hash
 * of the earlier one was kept.
 */
export async function seedDemo(ctx: AppContext): Promise<DemoSeedResult> {
  const { dataSource, outbox } = ctx;
  const unitsService = new UnitsService(dataSource);
  const opening = new CaseOpeningService(outbox);

  const admin = await ensure(() => createStaffAccount(dataSource.manager, ADMIN), () => userId(dataSource, ADMIN.login));
  const adminActor = actor(admin.id, ADMIN.login, 'admin');

  const units: DemoSeedResult['units'] = [];
  for (const unit of UNITS) {
    const created = await ensure(
      () => unitsService.createUnit(adminActor, unit),
      async () => null,
    );
    units.push({ symbol: unit.symbol, name: unit.name, created: created.created });
  }

  const accounts: DemoSeedResult['accounts'] = [{ ...ADMIN, created: admin.created }];
  const staffIds = new Map<string, string>();
  for (const staff of STAFF) {
    const made = await ensure(() => unitsService.createStaff(adminActor, staff), () => userId(dataSource, staff.login));
    staffIds.set(staff.login, made.id);
    accounts.push({ ...staff, created: made.created });
  }
  const citizen = await ensureCitizen(ctx);
  accounts.push({ login: CITIZEN.login, password: CITIZEN.password, role: 'citizen', created: citizen.created });

  const registrar = STAFF[0];
  const registrarActor = actor(staffIds.get(registrar.login)!, registrar.login, 'registrar');
  const submissionCase = await ensureSubmissionCase(ctx, opening, registrarActor, citizen.id);
  if (submissionCase.created) await addCorrespondence(ctx, submissionCase.number, staffIds.get(STAFF[1].login)!);
  const paperCase = await ensurePaperCase(dataSource, opening, registrarActor);
  return { accounts, units, submissionCase, paperCase };
}

/** A citizen's account made as a person would: registration, then the code from the e-mail. */
async function ensureCitizen(ctx: AppContext): Promise<{ id: string; created: boolean }> {
  const accounts = new AccountService(ctx);
  let created = false;
  let user = await findUserStatusByLogin(ctx.dataSource, CITIZEN.login);
  if (!user) {
    await accounts.register({ ...CITIZEN, acceptTerms: true }, '127.0.0.1');
    user = await findUserStatusByLogin(ctx.dataSource, CITIZEN.login);
    if (!user) throw new Error(`${CITIZEN.email} already belongs to another account; cannot create ${CITIZEN.login}`);
    created = true;
  }
  if (user.status === 'pending_activation') {
    // The e-mail is not read here: a fresh code (no e-mail of its own) is made and entered, as
    // the person would enter the e-mailed one. The e-mailed code's seed may already be erased.
    const userId = user.id;
    const seed = await ctx.dataSource.transaction(async (manager) => {
      const id = await createActivationCode(manager, userId);
      return (await findActivationCode(manager, id))!.seed!;
    });
    await accounts.activate(CITIZEN.login, activationCodeOf(seed));
  } else if (user.status !== 'active') {
    throw new Error(`The demo citizen ${CITIZEN.login} exists but is ${user.status}`);
  }
  return { id: user.id, created };
}

/** The citizen's ESP submission (asking for an access key), registered as a GN case. */
async function ensureSubmissionCase(ctx: AppContext, opening: CaseOpeningService, registrar: Actor, citizenId: string) {
  // The citizen's list is newest first: the oldest registered one is its last match.
  const existing = (await listOwnSubmissions(ctx.dataSource, citizenId)).filter((s) => s.title === SUBMISSION_TITLE && s.caseNumber !== null).at(-1);
  if (existing) return { receiptNumber: existing.receiptNumber, number: existing.caseNumber!, created: false };
  const receipt = await ctx.services.submissions.submit(citizenId, {
    title: SUBMISSION_TITLE,
    content: 'Proszę o wydanie wypisu z rejestru gruntów dla działki nr 123/4, obręb Śródmieście.',
    requestAccessKey: true,
    attachments: [],
  });
  const opened = await opening.open(registrar, {
    unitSymbol: 'GN',
    jrwaSymbol: '6621',
    title: 'Wypis z rejestru gruntów, dz. nr 123/4',
    submissionId: receipt.id,
    responsibleLogin: STAFF[1].login,
    deadline: { months: 1 },
    issueAccessKey: false,
  });
  return { receiptNumber: receipt.receiptNumber, number: opened.number, created: true };
}

/**
 * The GN official's correspondence in the ESP case, so that the citizen's case page shows both
 * directions: a letter from the office, and a call for completion (the case then awaits the
 * citizen, its clock paused) with the reply form ready. Made once, with the case.
 */
async function addCorrespondence(ctx: AppContext, number: string, officialId: string): Promise<void> {
  const gn = await findUnit(ctx.dataSource.manager, 'GN');
  const official: Actor = { ...actor(officialId, STAFF[1].login, 'official'), unitId: gn.id };
  await ctx.services.letters.send(official, number, {
    title: 'Informacja o opłacie za wypis (demo)',
    content: 'Uprzejmie informuję, że wydanie wypisu z rejestru gruntów podlega opłacie zgodnie z ustawą Prawo geodezyjne i kartograficzne. Dowód wpłaty prosimy przesłać w odpowiedzi na wezwanie.',
    attachments: [],
  });
  await ctx.services.calls.create(official, number, {
    what: 'Proszę przesłać dowód uiszczenia opłaty za wypis z rejestru gruntów (skan lub zdjęcie potwierdzenia przelewu).',
    // Two weeks: a week past the least the KPA allows, whatever the clock says at midnight.
    dueDate: earliestCallDueDate(new Date(Date.now() + 7 * 24 * 3600 * 1000)),
  });
}

/** A paper application registered in GN with an access key for the applicant. */
async function ensurePaperCase(dataSource: DataSource, opening: CaseOpeningService, registrar: Actor) {
  const existing = await findPaperCaseNumber(dataSource, PAPER_TITLE, PAPER_APPLICANT.lastName);
  if (existing) {
    const { accessKey } = await opening.reissueKey(registrar, existing);
    return { number: existing, accessKey, created: false };
  }
  const opened = await opening.open(registrar, {
    unitSymbol: 'GN',
    jrwaSymbol: '6831',
    title: PAPER_TITLE,
    applicant: PAPER_APPLICANT,
    responsibleLogin: STAFF[1].login,
    deadline: { months: 2 },
    issueAccessKey: true,
  });
  return { number: opened.number, accessKey: opened.accessKey!, created: true };
}

/** Runs `create`; when what it makes exists already (409), finds it with `find` instead. */
async function ensure(create: () => Promise<{ id: string }>, find: () => Promise<{ id: string } | null>) {
  try {
    const made = await create();
    return { id: made.id, created: true };
  } catch (error) {
    if (!(error instanceof AppError && error.status === 409)) throw error;
    const found = await find();
    return { id: found?.id ?? '', created: false };
  }
}

async function userId(dataSource: DataSource, login: string): Promise<{ id: string }> {
  const user = await findUserStatusByLogin(dataSource, login);
  if (!user) throw new Error(`No account ${login}`);
  return { id: user.id };
}

function actor(userId: string, login: string, role: Actor['role']): Actor {
  return { userId, login, role, unitId: null, ip: null };
}

/** The seed's result as text for the operator: every login with its password, the cases and the key. */
export function describeDemo(result: DemoSeedResult, publicUrl: string): string {
  const mark = (created: boolean) => (created ? 'nowe / new' : 'istniało / existed');
  const lines = [
    'Dane demonstracyjne / Demo data',
    '',
    'Komórki organizacyjne / Units:',
    ...result.units.map((u) => `  ${u.symbol.padEnd(4)} ${u.name} (${mark(u.created)})`),
    '',
    'Konta (login / hasło) / Accounts (login / password):',
    ...result.accounts.map(
      (a) => `  ${a.role.padEnd(9)} login: ${a.login.padEnd(18)} hasło/password: ${a.password}${a.unitSymbol ? `  [${a.unitSymbol}]` : ''} (${mark(a.created)})`,
    ),
    '',
    `Sprawa z pisma ESP / Case from an ESP submission: ${result.submissionCase.number} (potwierdzenie/receipt ${result.submissionCase.receiptNumber})`,
    `  Klucz dostępu do niej jest w skrzynce obywatela (wiadomość "Wszczęto sprawę"), gdy działa worker.`,
    `  Its access key is in the citizen's inbox (case_opened message) once a worker has run.`,
    `  Ma wezwanie do uzupełnienia i pismo z urzędu / It has a call for completion and a letter from the office.`,
    '',
    `Sprawa z wniosku papierowego / Case from a paper application: ${result.paperCase.number}`,
    `  Internetowy klucz dostępu / Internet access key: ${result.paperCase.accessKey}`,
    ...(result.paperCase.created ? [] : ['  (nowy klucz: poprzedni przestał działać / a new key: the earlier one no longer works)']),
    '',
    `Logowanie / Log in: ${publicUrl}/logowanie`,
  ];
  return `${lines.join('\n')}\n`;
}
