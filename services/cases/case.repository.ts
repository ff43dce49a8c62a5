import { IsNull, type EntityManager } from 'typeorm';
import { Case, type CaseStatus } from '../../entities/case.entity';
import type { CaseResolutionMedian } from '../../entities/case-resolution-median.entity';
import type { CaseLink } from '../../entities/case-link.entity';
import type { Submission } from '../../entities/submission.entity';
import type { Unit } from '../../entities/unit.entity';
import type { User } from '../../entities/user.entity';
import type { Db } from '../shared/database';
import { FINAL_STATUSES, RUNNING_STATUSES, statusList } from './case-status';

/** A case with what its summary shows: its unit and its responsible person. */
export type CaseSummaryRecord = Pick<Case, 'id' | 'number' | 'title' | 'status' | 'startedAt' | 'endedAt' | 'dueAt' | 'pausedSince'> & {
  unit: Pick<Unit, 'id' | 'symbol' | 'name' | 'phone' | 'email'>;
  responsible: Pick<User, 'firstName' | 'lastName'> | null;
  /** How long this unit's cases of the same JRWA class took, in the median (for `expectedBy`). */
  resolutionMedian: Pick<CaseResolutionMedian, 'medianSeconds' | 'sampleSize'>;
};

/** The columns CASE_SUMMARY_SQL selects, as PostgreSQL names them (for repositories that compose it). */
export interface CaseSummaryColumns {
  id: string;
  number: string;
  title: string;
  status: CaseStatus;
  started_at: Date;
  ended_at: Date | null;
  due_at: Date | null;
  paused_since: Date | null;
  unit_id: string;
  unit_symbol: string;
  unit_name: string;
  unit_phone: string | null;
  unit_email: string | null;
  responsible_first_name: string | null;
  responsible_last_name: string | null;
  resolution_median_seconds: number | null;
  resolution_sample_size: number;
}

/** A case with its unit and responsible person, in one query; callers append WHERE/ORDER. */
export const CASE_SUMMARY_SQL = `
  SELECT c.id, c.number, c.title, c.status, c.started_at, c.ended_at, c.due_at, c.paused_since,
         u.id AS unit_id, u.symbol AS unit_symbol, u.name AS unit_name, u.phone AS unit_phone, u.email AS unit_email,
         r.first_name AS responsible_first_name, r.last_name AS responsible_last_name,
         m.median_seconds AS resolution_median_seconds, COALESCE(m.sample_size, 0) AS resolution_sample_size
    FROM cases c
    JOIN units u ON u.id = c.unit_id
    LEFT JOIN users r ON r.id = c.responsible_id
    LEFT JOIN case_resolution_medians m ON m.unit_id = c.unit_id AND m.jrwa_symbol = c.jrwa_symbol`;

/** The record of one CASE_SUMMARY_SQL row. */
export function caseSummaryOf(row: CaseSummaryColumns): CaseSummaryRecord {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    dueAt: row.due_at,
    pausedSince: row.paused_since,
    unit: { id: row.unit_id, symbol: row.unit_symbol, name: row.unit_name, phone: row.unit_phone, email: row.unit_email },
    resolutionMedian: { medianSeconds: row.resolution_median_seconds, sampleSize: Number(row.resolution_sample_size) },
    responsible:
      row.responsible_first_name !== null && row.responsible_last_name !== null
        ? { firstName: row.responsible_first_name, lastName: row.responsible_last_name }
        : null,
  };
}

/** What the office's case list filters on, and which page of it. */
export interface CaseFilter {
  status?: CaseStatus;
  unit?: string;
  /** Matched literally against the number and the title, ignoring letter case. */
  q?: string;
  /** Only this official's cases. */
  responsibleId?: string;
  /** Only running cases (not final, not paused) whose dueAt lies in this range; sorted by dueAt. */
  due?: { after?: Date; before: Date };
  limit: number;
  offset: number;
}

/** The case row and who is responsible for it, locked against concurrent changes. */
export type LockedCase = Pick<Case, 'id' | 'unitId' | 'jrwaSymbol' | 'status' | 'startedAt' | 'dueAt' | 'pausedSince' | 'responsibleId'> & {
  responsibleLogin: User['login'] | null;
};

/** The columns a new case is written with (status `registered`, updated when it starts). */
export type NewCase = Pick<
  Case,
  | 'number' | 'unitId' | 'jrwaSymbol' | 'seq' | 'year' | 'title' | 'startedAt' | 'deadlineDays' | 'deadlineMonths' | 'dueAt' | 'responsibleId'
  | 'submissionId' | 'applicantUserId' | 'applicantFirstName' | 'applicantLastName' | 'openedBy'
>;

/** The columns a change of a case rewrites. */
export type CaseState = Pick<Case, 'status' | 'endedAt' | 'dueAt' | 'pausedSince' | 'responsibleId' | 'updatedAt'>;

/** One case's summary by id, or null. */
export async function findCaseSummaryById(db: Db, caseId: string): Promise<CaseSummaryRecord | null> {
  const rows: CaseSummaryColumns[] = await db.query(`${CASE_SUMMARY_SQL} WHERE c.id = $1`, [caseId]);
  return rows.length ? caseSummaryOf(rows[0]) : null;
}

/** One case's summary by number, or null. */
export async function findCaseSummaryByNumber(db: Db, number: string): Promise<CaseSummaryRecord | null> {
  const rows: CaseSummaryColumns[] = await db.query(`${CASE_SUMMARY_SQL} WHERE c.number = $1`, [number]);
  return rows.length ? caseSummaryOf(rows[0]) : null;
}

/** A page of cases, newest first, with the total of the filter (one query for both). */
export async function listCaseSummaries(db: Db, filter: CaseFilter): Promise<{ cases: CaseSummaryRecord[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.status) where.push(`c.status = $${params.push(filter.status)}`);
  if (filter.unit) where.push(`u.symbol = $${params.push(filter.unit)}`);
  if (filter.q) {
    const n = params.push(`%${escapeLike(filter.q)}%`);
    where.push(`(c.number ILIKE $${n} OR c.title ILIKE $${n})`);
  }
  if (filter.responsibleId) where.push(`c.responsible_id = $${params.push(filter.responsibleId)}`);
  if (filter.due) {
    where.push(`c.status IN (${statusList(RUNNING_STATUSES)})`);
    where.push(`c.due_at < $${params.push(filter.due.before)}`);
    if (filter.due.after) where.push(`c.due_at >= $${params.push(filter.due.after)}`);
  }
  const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = filter.due || filter.responsibleId ? 's.due_at ASC NULLS LAST, s.number' : 's.started_at DESC, s.number DESC';
  const limit = params.push(filter.limit);
  const offset = params.push(filter.offset);
  const rows: Array<CaseSummaryColumns & { total: number }> = await db.query(
    `SELECT s.*, count(*) OVER ()::int AS total FROM (${CASE_SUMMARY_SQL} ${condition}) s
      ORDER BY ${order} LIMIT $${limit} OFFSET $${offset}`,
    params,
  );
  // A page past the end has no row to carry the window count: only then count apart.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && filter.offset > 0) {
    const counted: Array<{ total: number }> = await db.query(`SELECT count(*)::int AS total FROM (${CASE_SUMMARY_SQL} ${condition}) s`, params.slice(0, limit - 1));
    total = counted[0].total;
  }
  return { cases: rows.map(caseSummaryOf), total };
}

/** Per unit: its cases still open, those of them overdue, and those due before `soon` (running cases only for the last two). */
export async function countCasesByUnit(db: Db, now: Date, soon: Date): Promise<Array<{ unitSymbol: string; unitName: string; open: number; overdue: number; dueSoon: number }>> {
  const running = `c.status IN (${statusList(RUNNING_STATUSES)})`;
  return db.query(
    `SELECT u.symbol AS "unitSymbol", u.name AS "unitName",
            count(c.id) FILTER (WHERE c.status NOT IN (${statusList(FINAL_STATUSES)}))::int AS open,
            count(c.id) FILTER (WHERE ${running} AND c.due_at < $1)::int AS overdue,
            count(c.id) FILTER (WHERE ${running} AND c.due_at >= $1 AND c.due_at < $2)::int AS "dueSoon"
       FROM units u LEFT JOIN cases c ON c.unit_id = u.id
      GROUP BY u.id ORDER BY u.symbol`,
    [now, soon],
  );
}

/** The cases linked to a citizen, newest first. */
export async function listLinkedCaseSummaries(db: Db, userId: string): Promise<CaseSummaryRecord[]> {
  const rows: CaseSummaryColumns[] = await db.query(
    `${CASE_SUMMARY_SQL} JOIN case_links l ON l.case_id = c.id AND l.user_id = $1
      ORDER BY c.started_at DESC, c.number DESC`,
    [userId],
  );
  return rows.map(caseSummaryOf);
}

/**
 * Links the case of a live access key (by its keyed hash) to the citizen, idempotently, and
 * reads the case: one statement. Null when no live key has that hash.
 */
export async function linkCaseByKeyHash(db: Db, keyHash: string, userId: string): Promise<CaseSummaryRecord | null> {
  const rows: CaseSummaryColumns[] = await db.query(
    `WITH k AS (SELECT case_id FROM access_keys WHERE key_hash = $1 AND revoked_at IS NULL),
          linked AS (INSERT INTO case_links (case_id, user_id, via) SELECT case_id, $2, 'access_key' FROM k
                     ON CONFLICT (case_id, user_id) DO NOTHING)
     ${CASE_SUMMARY_SQL} WHERE c.id = (SELECT case_id FROM k)`,
    [keyHash, userId],
  );
  return rows.length ? caseSummaryOf(rows[0]) : null;
}

/**
 * The next sequence number of a unit, JRWA class and year. The counter row stays locked until
 * the caller's transaction ends, so concurrent openers queue on it: no gap, no repeat.
 */
export async function nextCaseSeq(manager: EntityManager, key: Pick<Case, 'unitId' | 'jrwaSymbol' | 'year'>): Promise<number> {
  const rows: Array<{ last: number }> = await manager.query(
    `INSERT INTO case_counters (unit_id, jrwa_symbol, year, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (unit_id, jrwa_symbol, year) DO UPDATE SET last = case_counters.last + 1
     RETURNING last`,
    [key.unitId, key.jrwaSymbol, key.year],
  );
  return rows[0].last;
}

/** Inserts a registered case; returns its id. */
export async function insertCase(manager: EntityManager, c: NewCase): Promise<string> {
  const rows: Array<Pick<Case, 'id'>> = await manager.query(
    `INSERT INTO cases (number, unit_id, jrwa_symbol, seq, year, title, status, started_at, deadline_days, due_at,
                        responsible_id, submission_id, applicant_user_id, applicant_first_name, applicant_last_name,
                        opened_by, updated_at, deadline_months)
     VALUES ($1, $2, $3, $4, $5, $6, 'registered', $7, $8, $9, $10, $11, $12, $13, $14, $15, $7, $16) RETURNING id`,
    [
      c.number, c.unitId, c.jrwaSymbol, c.seq, c.year, c.title, c.startedAt, c.deadlineDays, c.dueAt, c.responsibleId,
      c.submissionId, c.applicantUserId, c.applicantFirstName, c.applicantLastName, c.openedBy, c.deadlineMonths,
    ],
  );
  return rows[0].id;
}

/** The number of the oldest paper case (no submission) of this title and applicant, or null. */
export async function findPaperCaseNumber(db: Db, title: string, applicantLastName: string): Promise<string | null> {
  const found = await db.getRepository(Case).findOne({
    where: { title, applicantLastName, submissionId: IsNull() },
    order: { startedAt: 'ASC' },
    select: { id: true, number: true },
  });
  return found?.number ?? null;
}

/** Locks a case by number for the rest of the transaction, with its responsible official's login. */
export async function lockCaseForChange(manager: EntityManager, number: string): Promise<LockedCase | null> {
  const rows: LockedCase[] = await manager.query(
    `SELECT c.id, c.unit_id AS "unitId", c.jrwa_symbol AS "jrwaSymbol", c.status, c.started_at AS "startedAt", c.due_at AS "dueAt", c.paused_since AS "pausedSince",
            c.responsible_id AS "responsibleId", r.login AS "responsibleLogin"
       FROM cases c LEFT JOIN users r ON r.id = c.responsible_id
      WHERE c.number = $1 FOR UPDATE OF c`,
    [number],
  );
  return rows[0] ?? null;
}

/** Locks a case by number for the rest of the transaction; returns its id, or null. */
export async function lockCaseIdByNumber(manager: EntityManager, number: string): Promise<string | null> {
  const rows: Array<Pick<Case, 'id'>> = await manager.query(`SELECT id FROM cases WHERE number = $1 FOR UPDATE`, [number]);
  return rows[0]?.id ?? null;
}

/**
 * Locks a case by id for its "case opened" notice: who applied, and whether their submission
 * asked for an access key. A concurrent redelivery waits on the lock.
 */
export async function lockCaseForOpenedNotice(
  manager: EntityManager,
  caseId: string,
): Promise<(Pick<Case, 'applicantUserId'> & { requestAccessKey: Submission['requestAccessKey'] | null }) | null> {
  const rows: Array<Pick<Case, 'applicantUserId'> & { requestAccessKey: boolean | null }> = await manager.query(
    `SELECT c.applicant_user_id AS "applicantUserId", s.request_access_key AS "requestAccessKey"
       FROM cases c LEFT JOIN submissions s ON s.id = c.submission_id
      WHERE c.id = $1 FOR UPDATE OF c`,
    [caseId],
  );
  return rows[0] ?? null;
}

/** Rewrites a case's status, dates and responsible official. */
export async function updateCaseState(manager: EntityManager, caseId: string, state: CaseState): Promise<void> {
  await manager.query(
    `UPDATE cases SET status = $2, ended_at = $3, due_at = $4, paused_since = $5, responsible_id = $6, updated_at = $7 WHERE id = $1`,
    [caseId, state.status, state.endedAt, state.dueAt, state.pausedSince, state.responsibleId, state.updatedAt],
  );
}

/** Links a citizen to a case. */
export async function insertCaseLink(manager: EntityManager, link: Pick<CaseLink, 'caseId' | 'userId' | 'via'>): Promise<void> {
  await manager.query(`INSERT INTO case_links (case_id, user_id, via) VALUES ($1, $2, $3)`, [link.caseId, link.userId, link.via]);
}

/** The citizens linked to a case, in the order they were linked. */
export async function listLinkedUserIds(db: Db, caseId: string): Promise<Array<CaseLink['userId']>> {
  const rows: Array<Pick<CaseLink, 'userId'>> = await db.query(`SELECT user_id AS "userId" FROM case_links WHERE case_id = $1 ORDER BY linked_at, user_id`, [
    caseId,
  ]);
  return rows.map((r) => r.userId);
}

/** Escapes LIKE wildcards so the search text matches literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** True when the citizen is linked to the case. */
export async function isCaseLinked(db: Db, caseId: string, userId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM case_links WHERE case_id = $1 AND user_id = $2`, [caseId, userId]);
  return rows.length > 0;
}
