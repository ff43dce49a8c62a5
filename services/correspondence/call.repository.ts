import type { EntityManager } from 'typeorm';
import type { Case } from '../../entities/case.entity';
import type { CaseCall } from '../../entities/case-call.entity';
import type { Db } from '../shared/database';

/** A call as the lists show it (the stored status: callStatusAt says what it is now). */
export type CallRecord = Pick<CaseCall, 'id' | 'caseId' | 'what' | 'dueDate' | 'status' | 'answeredAt' | 'replyId' | 'createdAt'>;

/** A call with its case's number, for the citizens' notice. */
export type CallNotice = CallRecord & { caseNumber: Case['number'] };

// The day as text: node-postgres would turn a `date` into a local-time Date, a day off in some zones.
const CALL_COLUMNS = `k.id, k.case_id AS "caseId", k.what, to_char(k.due_date, 'YYYY-MM-DD') AS "dueDate", k.status,
                      k.answered_at AS "answeredAt", k.reply_id AS "replyId", k.created_at AS "createdAt"`;

/** Records a call; returns its id. */
export async function insertCall(manager: EntityManager, c: Pick<CaseCall, 'caseId' | 'what' | 'dueDate' | 'createdAt' | 'createdBy'>): Promise<string> {
  const rows: Array<Pick<CaseCall, 'id'>> = await manager.query(
    `INSERT INTO case_calls (case_id, what, due_date, created_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [c.caseId, c.what, c.dueDate, c.createdAt, c.createdBy],
  );
  return rows[0].id;
}

/** The calls of one case, oldest first. */
export function listCalls(db: Db, caseId: string): Promise<CallRecord[]> {
  return db.query(`SELECT ${CALL_COLUMNS} FROM case_calls k WHERE k.case_id = $1 ORDER BY k.created_at, k.id`, [caseId]);
}

/** One call of one case, locked for the rest of the transaction; null when the case has no such call. */
export async function lockCallOfCase(manager: EntityManager, caseId: string, callId: string): Promise<CallRecord | null> {
  const rows: CallRecord[] = await manager.query(`SELECT ${CALL_COLUMNS} FROM case_calls k WHERE k.id = $1 AND k.case_id = $2 FOR UPDATE`, [callId, caseId]);
  return rows[0] ?? null;
}

/** Records the reply that answered an open call. */
export async function markCallAnswered(manager: EntityManager, callId: string, answer: Pick<CaseCall, 'answeredAt' | 'replyId'>): Promise<void> {
  await manager.query(`UPDATE case_calls SET status = 'answered', answered_at = $2, reply_id = $3 WHERE id = $1 AND status = 'open'`, [
    callId,
    answer.answeredAt,
    answer.replyId,
  ]);
}

/** True when the case has another call still open on `today` (the office's date). */
export async function hasOtherOpenCall(db: Db, caseId: string, exceptId: string, today: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM case_calls WHERE case_id = $1 AND id <> $2 AND status = 'open' AND due_date >= $3::date`, [
    caseId,
    exceptId,
    today,
  ]);
  return rows.length > 0;
}

/** Marks every open call whose last day is before `today` expired; answers how many. */
export async function expireCallsBefore(db: Db, today: string): Promise<number> {
  const rows: Array<{ expired: number }> = await db.query(
    `WITH e AS (UPDATE case_calls SET status = 'expired' WHERE status = 'open' AND due_date < $1::date RETURNING id) SELECT count(*)::int AS expired FROM e`,
    [today],
  );
  return rows[0].expired;
}

/** A call with its case's number, or null. */
export async function findCallNotice(db: Db, callId: string): Promise<CallNotice | null> {
  const rows: CallNotice[] = await db.query(`SELECT ${CALL_COLUMNS}, c.number AS "caseNumber" FROM case_calls k JOIN cases c ON c.id = k.case_id WHERE k.id = $1`, [
    callId,
  ]);
  return rows[0] ?? null;
}
