import type { EntityManager } from 'typeorm';
import type { Case } from '../../entities/case.entity';
import type { CaseReminder, ReminderStatus } from '../../entities/case-reminder.entity';
import type { Unit } from '../../entities/unit.entity';
import type { User } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** A reminder as the office lists it: with its case's number and unit. */
export type ReminderRecord = Pick<CaseReminder, 'id' | 'caseId' | 'justification' | 'filedAt' | 'forwardBy' | 'status' | 'forwardedAt' | 'forwardedTo'> & {
  caseNumber: Case['number'];
  unitId: Case['unitId'];
};

/** What the responsible official's e-mail about a new reminder needs. */
export type ReminderMailSource = Pick<CaseReminder, 'filedAt' | 'forwardBy'> & {
  caseNumber: Case['number'];
  caseTitle: Case['title'];
  responsibleFirstName: User['firstName'] | null;
  responsibleEmail: User['email'] | null;
  unitEmail: Unit['email'];
};

/** Which reminders the office asks for. */
export interface ReminderFilter {
  status?: ReminderStatus;
  /** Only the cases of this unit (an official's own). */
  unitId?: string;
}

const RECORD_SQL = `
  SELECT r.id, r.case_id AS "caseId", r.justification, r.filed_at AS "filedAt", r.forward_by AS "forwardBy", r.status,
         r.forwarded_at AS "forwardedAt", r.forwarded_to AS "forwardedTo", c.number AS "caseNumber", c.unit_id AS "unitId"
    FROM case_reminders r JOIN cases c ON c.id = r.case_id`;

/** Files a reminder; returns its id. Violates `case_reminders_one_open_per_case` when one is open. */
export async function insertReminder(manager: EntityManager, r: Pick<CaseReminder, 'caseId' | 'filedBy' | 'justification' | 'filedAt' | 'forwardBy'>): Promise<string> {
  const rows: Array<Pick<CaseReminder, 'id'>> = await manager.query(
    `INSERT INTO case_reminders (case_id, filed_by, justification, filed_at, forward_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [r.caseId, r.filedBy, r.justification, r.filedAt, r.forwardBy],
  );
  return rows[0].id;
}

/** True when the case has an open (`filed`) reminder. */
export async function hasOpenReminder(db: Db, caseId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM case_reminders WHERE case_id = $1 AND status = 'filed'`, [caseId]);
  return rows.length > 0;
}

/** The reminders of one case, newest first. */
export function listCaseReminders(db: Db, caseId: string): Promise<ReminderRecord[]> {
  return db.query(`${RECORD_SQL} WHERE r.case_id = $1 ORDER BY r.filed_at DESC, r.id`, [caseId]);
}

/** Reminders of every case (or one unit's), newest first. */
export function listReminders(db: Db, filter: ReminderFilter): Promise<ReminderRecord[]> {
  return db.query(
    `${RECORD_SQL} WHERE ($1::text IS NULL OR r.status = $1) AND ($2::uuid IS NULL OR c.unit_id = $2)
      ORDER BY r.filed_at DESC, r.id`,
    [filter.status ?? null, filter.unitId ?? null],
  );
}

/** One reminder, or null. */
export async function findReminder(db: Db, id: string): Promise<ReminderRecord | null> {
  const rows: ReminderRecord[] = await db.query(`${RECORD_SQL} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Locks one reminder for the rest of the transaction, or null. */
export async function lockReminder(manager: EntityManager, id: string): Promise<ReminderRecord | null> {
  const rows: ReminderRecord[] = await manager.query(`${RECORD_SQL} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
  return rows[0] ?? null;
}

/** Records that the reminder was passed on. */
export async function markReminderForwarded(manager: EntityManager, id: string, f: Pick<CaseReminder, 'forwardedAt' | 'forwardedTo' | 'forwardedBy'>): Promise<void> {
  await manager.query(`UPDATE case_reminders SET status = 'forwarded', forwarded_at = $2, forwarded_to = $3, forwarded_by = $4 WHERE id = $1`, [
    id,
    f.forwardedAt,
    f.forwardedTo,
    f.forwardedBy,
  ]);
}

/** The case, its responsible official's address and its unit's, for the e-mail about a new reminder; or null. */
export async function findReminderMailSource(db: Db, id: string): Promise<ReminderMailSource | null> {
  const rows: ReminderMailSource[] = await db.query(
    `SELECT r.filed_at AS "filedAt", r.forward_by AS "forwardBy", c.number AS "caseNumber", c.title AS "caseTitle",
            o.first_name AS "responsibleFirstName", CASE WHEN o.status = 'active' THEN o.email END AS "responsibleEmail", u.email AS "unitEmail"
       FROM case_reminders r JOIN cases c ON c.id = r.case_id JOIN units u ON u.id = c.unit_id
       LEFT JOIN users o ON o.id = c.responsible_id
      WHERE r.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The ponaglenia still open past their `forwardBy` in the cases this official is responsible for, oldest first. */
export function listLateRemindersOf(db: Db, responsibleId: string, now: Date): Promise<Array<Pick<CaseReminder, 'filedAt' | 'forwardBy'> & { caseNumber: Case['number'] }>> {
  return db.query(
    `SELECT r.filed_at AS "filedAt", r.forward_by AS "forwardBy", c.number AS "caseNumber"
       FROM case_reminders r JOIN cases c ON c.id = r.case_id
      WHERE c.responsible_id = $1 AND r.status = 'filed' AND r.forward_by < $2
      ORDER BY r.forward_by, c.number`,
    [responsibleId, now],
  );
}
