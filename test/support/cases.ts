import { createStaffAccount } from '../../services/accounts/staff-accounts';
import type { Office, Staff } from './office';
import type { Citizen, TestService } from './test-service';

let titles = 0;

type OpenedCase = { id: string; number: string; startedAt: string; dueAt: string; accessKey?: string };

/** POST /office/cases as the office's registrar, in its unit; throws unless 201. */
export async function openCase(service: TestService, office: Office, body: Record<string, unknown>): Promise<OpenedCase> {
  const res = await service.api('POST', '/api/v1/office/cases', { token: office.registrar.token, body: { unitSymbol: office.unitSymbol, ...body } });
  if (res.status !== 201) throw new Error(`open case: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST /submissions as the citizen; returns the submission's id. */
export async function submitDocument(service: TestService, citizen: Citizen, title: string, content = 'Proszę o załatwienie sprawy.'): Promise<string> {
  const sub = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title, content } });
  if (sub.status !== 201) throw new Error(`submit: ${sub.status} ${JSON.stringify(sub.body)}`);
  return sub.body.id;
}

/** Opens a paper case in the office's unit; returns its number. */
export async function openPaperCase(service: TestService, office: Office, extra: Record<string, unknown> = {}): Promise<string> {
  const opened = await openCase(service, office, { jrwaSymbol: '6840', title: `Wniosek papierowy ${++titles}`, applicant: { firstName: 'Jan', lastName: 'Nowak' }, ...extra });
  return opened.number;
}

/** A citizen's ESP submission turned into a case of the office's unit; returns its number. */
export async function openCaseFromSubmission(service: TestService, office: Office, citizen: Citizen, title = 'Wniosek o zaświadczenie'): Promise<string> {
  const submissionId = await submitDocument(service, citizen, title);
  return (await openCase(service, office, { jrwaSymbol: '6840', title, submissionId })).number;
}

/** Links a citizen to a case as entering its access key would (the case_links row). */
export async function linkByKey(service: TestService, number: string, userId: string): Promise<void> {
  await service.ctx.dataSource.query(
    `INSERT INTO case_links (case_id, user_id, via) SELECT id, $2, 'access_key' FROM cases WHERE number = $1`,
    [number, userId],
  );
}

/** PATCH /office/cases/:number as `token`. */
export function changeCase(service: TestService, token: string, number: string, body: unknown) {
  return service.api('PATCH', `/api/v1/office/cases/${encodeURIComponent(number)}`, { token, body });
}

/** An official of another unit (made in the database), logged in. */
export async function officialOfAnotherUnit(service: TestService, symbol: string): Promise<Staff> {
  const [unit] = await service.ctx.dataSource.query(`INSERT INTO units (symbol, name) VALUES ($1, 'Wydział Komunikacji') RETURNING id`, [symbol]);
  const login = `ref.${symbol.toLowerCase()}`;
  const password = `Bardzo-Tajne-Haslo-${symbol}`;
  const { id } = await createStaffAccount(service.ctx.dataSource.manager, { login, password, firstName: 'Inny', lastName: 'Referent', role: 'official', unitId: unit.id });
  return { login, password, id, token: await service.login(login, password) };
}

/** Moves the stop of a paused case's clock `ms` into the past, as if that much time had gone by. */
export async function backdatePause(service: TestService, number: string, ms: number): Promise<void> {
  await service.ctx.dataSource.query(
    `UPDATE cases SET paused_since = paused_since - make_interval(secs => $2::float8 / 1000) WHERE number = $1 AND paused_since IS NOT NULL`,
    [number, ms],
  );
}
