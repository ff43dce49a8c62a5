import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { CaseHistoryEntry } from '../../entities/case-history-entry.entity';
import type { StatusCheck, StatusCheckState } from '../../entities/status-check.entity';
import { CASE_SUMMARY_SQL, caseSummaryOf, type CaseSummaryColumns, type CaseSummaryRecord } from '../cases/case.repository';
import type { RecordedEvent } from '../outbox/outbox.service';
import { namedStatementsAllowed, type Db } from '../shared/database';
import type { Rendered } from '../shared/templates';

/** A citizen's status check as they read it back. */
export type StatusCheckRecord = Pick<StatusCheck, 'id' | 'caseNumber' | 'status' | 'requestedAt' | 'deliveredAt' | 'messageId'>;

/** What the answer to one status check needs. */
export interface StatusCheckAnswerSource {
  request: Pick<StatusCheck, 'id' | 'userId' | 'caseNumber' | 'status' | 'requestedAt'>;
  /** Null when no case of that number is linked to the requester (missing or someone else's alike). */
  case: CaseSummaryRecord | null;
  /** The case's history, oldest first (empty without a case). */
  history: Array<Pick<CaseHistoryEntry, 'status' | 'note' | 'changedAt'>>;
}

/** The job that tells a citizen by e-mail that a message is waiting. */
const NEW_MESSAGE_MAIL = 'mail.new-message' as const;

/** The columns of ANSWER_SQL, as PostgreSQL names them. */
interface AnswerColumns extends Partial<CaseSummaryColumns> {
  request_id: string;
  user_id: string;
  case_number: string;
  request_status: StatusCheckState;
  requested_at: Date;
  case_id: string | null;
  history: Array<{ status: CaseHistoryEntry['status']; note: string | null; changedAt: string }> | null;
}

/**
 * Runs a named prepared statement straight on the data source's pg pool: PostgreSQL parses and
 * plans it once per connection instead of on every call (PERFORMANCE.md: parsing and planning
 * are most of its CPU per job). For the hot path only; `name` must be unique per SQL text.
 * Behind a pooler in transaction mode (DATABASE_PREPARED_STATEMENTS=false) the statement goes
 * unnamed: a named one would live on one server connection and be missing, or exist twice, on the next.
 */
async function preparedQuery<R>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query(namedStatementsAllowed(dataSource) ? { name, text, values } : { text, values });
  return result.rows as R[];
}

/**
 * Records status checks as queued (each row is its own outbox), many in one prepared statement:
 * the gateway groups the requests that arrive together (one round trip and one commit each group).
 */
export async function insertStatusChecks(dataSource: DataSource, checks: ReadonlyArray<Pick<StatusCheck, 'id' | 'userId' | 'caseNumber' | 'requestedAt'>>): Promise<void> {
  await preparedQuery(
    dataSource,
    'status-check-insert-many',
    `INSERT INTO status_checks (id, user_id, case_number, requested_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])`,
    [checks.map((c) => c.id), checks.map((c) => c.userId), checks.map((c) => c.caseNumber), checks.map((c) => c.requestedAt)],
  );
}

/** One of the citizen's own status checks, or null (someone else's is null too). */
export async function findOwnStatusCheck(db: Db, userId: string, id: string): Promise<StatusCheckRecord | null> {
  const rows: StatusCheckRecord[] = await db.query(
    `SELECT id, case_number AS "caseNumber", status, requested_at AS "requestedAt", delivered_at AS "deliveredAt", message_id AS "messageId"
       FROM status_checks WHERE id = $1 AND user_id = $2`,
    [id, userId],
  );
  return rows[0] ?? null;
}

/** Marks a status check `failed`, unless it was answered meanwhile. */
export async function failQueuedStatusCheck(db: Db, id: string): Promise<void> {
  await db.query(`UPDATE status_checks SET status = 'failed' WHERE id = $1 AND status = 'queued'`, [id]);
}

// One statement for a group of requests: each request, its case only if linked to the
// requester (a LATERAL join, so a case of someone else is indistinguishable from none), and
// its history oldest first.
const ANSWER_SQL = `
  SELECT sc.id AS request_id, sc.user_id, sc.case_number, sc.status AS request_status, sc.requested_at,
         k.*, k.id AS case_id,
         (SELECT json_agg(json_build_object('status', h.status, 'note', h.note, 'changedAt', h.changed_at)
                          ORDER BY h.changed_at, h.id)
            FROM case_history h WHERE h.case_id = k.id) AS history
    FROM status_checks sc
    LEFT JOIN LATERAL (${CASE_SUMMARY_SQL}
       WHERE c.number = sc.case_number
         AND EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = c.id AND l.user_id = sc.user_id)) k ON true
   WHERE sc.id = ANY($1::uuid[])`;

/** Loads what the answers to these status checks need: one entry per id, null where the request does not exist. */
export async function loadStatusCheckAnswers(dataSource: DataSource, statusCheckIds: readonly string[]): Promise<Array<StatusCheckAnswerSource | null>> {
  const rows = await preparedQuery<AnswerColumns>(dataSource, 'status-check-answer-read-many', ANSWER_SQL, [statusCheckIds]);
  const byId = new Map(rows.map((row) => [row.request_id, row]));
  return statusCheckIds.map((id) => {
    const row = byId.get(id);
    if (!row) return null;
    return {
      request: { id: row.request_id, userId: row.user_id, caseNumber: row.case_number, status: row.request_status, requestedAt: row.requested_at },
      case: row.case_id ? caseSummaryOf(row as CaseSummaryColumns) : null,
      history: (row.history ?? []).map((h) => ({ status: h.status, note: h.note, changedAt: new Date(h.changedAt) })),
    };
  });
}

// deliverMessage's contract (one message per event key; the citizen's throttled "new message"
// e-mail recorded as an outbox event in the same atomic write) fused with marking the request
// delivered, for a group of answers in one statement. Data-modifying CTEs all run, referenced
// or not. A concurrent duplicate waits on the event key, then writes nothing at all. A citizen
// with several answers in the group gets one e-mail event (for the first), as one at a time would.
const WRITE_ANSWERS_SQL = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS i(user_id uuid, subject text, body_text text, body_html text, data jsonb, event_key text, status_check_id uuid)
  ), m AS (
    INSERT INTO messages (user_id, kind, subject, body_text, body_html, data, event_key)
    SELECT user_id, 'case_status', subject, body_text, body_html, data, event_key FROM input
    ON CONFLICT (event_key) DO NOTHING RETURNING id, user_id, event_key
  ), request AS (
    UPDATE status_checks s SET status = 'delivered', delivered_at = now(), message_id = m.id
      FROM m JOIN input i ON i.event_key = m.event_key
     WHERE s.id = i.status_check_id RETURNING s.id
  ), mail AS (
    UPDATE users u SET last_status_mail_at = now()
      FROM (SELECT DISTINCT user_id FROM m) mu
     WHERE u.id = mu.user_id AND u.notify_by_email
       AND (u.last_status_mail_at IS NULL OR u.last_status_mail_at <= now() - make_interval(mins => $2))
    RETURNING u.id
  ), mailed AS (
    SELECT DISTINCT ON (m.user_id) m.id FROM m JOIN mail ON mail.id = m.user_id ORDER BY m.user_id, m.event_key
  ), event AS (
    INSERT INTO outbox_events (job_name, payload)
    SELECT $3::text, jsonb_build_object('messageId', mailed.id) FROM mailed RETURNING id, payload->>'messageId' AS message_id
  )
  SELECT m.id AS message_id, m.event_key, e.id AS event_id FROM m LEFT JOIN event e ON e.message_id = m.id::text`;

/** One answer to write: the request, its citizen and the rendered message. */
export interface StatusAnswer {
  statusCheckId: string;
  userId: string;
  rendered: Rendered;
  data: Record<string, unknown>;
}

/** What writing one answer did: its message and "new message" e-mail event, or null when it had been answered already. */
export type WrittenAnswer = { messageId: string; mailEvent: RecordedEvent | null } | null;

/**
 * Writes the `case_status` messages of a group of requests and marks them delivered, atomically
 * (one statement). Returns, per answer, the message id and the "new message" e-mail event it
 * recorded (null when throttled or unwanted), ready to publish, or null when that request had
 * already been answered.
 */
export async function writeStatusAnswers(dataSource: DataSource, answers: readonly StatusAnswer[], mailThrottleMinutes: number): Promise<WrittenAnswer[]> {
  const eventKey = (a: StatusAnswer) => `status-check:${a.statusCheckId}`;
  // The group goes as one JSON document: one native JSON.stringify instead of pg escaping every
  // rendered body into seven array literals (measured: pg's escapeElement was 4 % of the
  // draining worker's CPU).
  const input = answers.map((a) => ({
    user_id: a.userId,
    subject: a.rendered.subject,
    body_text: a.rendered.text,
    body_html: a.rendered.html,
    data: a.data,
    event_key: eventKey(a),
    status_check_id: a.statusCheckId,
  }));
  const rows = await preparedQuery<{ message_id: string; event_key: string; event_id: string | null }>(dataSource, 'status-check-answer-write-json', WRITE_ANSWERS_SQL, [
    JSON.stringify(input),
    mailThrottleMinutes,
    NEW_MESSAGE_MAIL,
  ]);
  const byKey = new Map(rows.map((r) => [r.event_key, r]));
  return answers.map((a) => {
    const row = byKey.get(eventKey(a));
    // The same request twice in one group (a redelivery beside its first run): one wrote it.
    byKey.delete(eventKey(a));
    if (!row) return null;
    const messageId = row.message_id;
    // The same job the statement recorded (its name is $3, its payload the message id).
    const mailEvent: RecordedEvent | null = row.event_id ? { id: row.event_id, job: { name: NEW_MESSAGE_MAIL, data: { messageId } } } : null;
    return { messageId, mailEvent };
  });
}

/** The ids of status checks still `queued` `graceMs` after they were asked for, oldest first. */
export async function findQueuedStatusChecks(db: Db, graceMs: number, limit: number): Promise<string[]> {
  const rows: Array<Pick<StatusCheck, 'id'>> = await db.query(
    `SELECT id FROM status_checks
      WHERE status = 'queued' AND requested_at < now() - make_interval(secs => $1::float8 / 1000)
      ORDER BY requested_at LIMIT $2`,
    [graceMs, limit],
  );
  return rows.map((r) => r.id);
}
