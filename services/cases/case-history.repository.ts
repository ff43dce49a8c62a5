import type { EntityManager } from 'typeorm';
import type { Case } from '../../entities/case.entity';
import { CaseDeadlineChange } from '../../entities/case-deadline-change.entity';
import { CaseHistoryEntry } from '../../entities/case-history-entry.entity';
import type { User } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** A history step as the office reads it: with the login of who made it. */
export type HistoryStep = Pick<CaseHistoryEntry, 'status' | 'note' | 'changedAt'> & { changedByLogin: User['login'] | null };

/** A history step with its case's number, for the citizens' notice. */
export type HistoryNotice = Pick<CaseHistoryEntry, 'caseId' | 'status' | 'note' | 'changedAt'> & { caseNumber: Case['number'] };

/** A new deadline with its case's number, for the citizens' notice. */
export type DeadlineChangeNotice = Pick<CaseDeadlineChange, 'caseId' | 'dueAt' | 'reason'> & { caseNumber: Case['number'] };

/** Appends a step to a case's history; returns its id. */
export async function insertHistoryEntry(
  manager: EntityManager,
  entry: Pick<CaseHistoryEntry, 'caseId' | 'status' | 'note' | 'changedAt' | 'changedBy'>,
): Promise<string> {
  const { identifiers } = await manager.getRepository(CaseHistoryEntry).insert(entry);
  return identifiers[0].id as string;
}

/** A case's history, oldest first. */
export async function listHistorySteps(db: Db, caseId: string): Promise<HistoryStep[]> {
  return db.query(
    `SELECT h.status, h.note, h.changed_at AS "changedAt", u.login AS "changedByLogin"
       FROM case_history h LEFT JOIN users u ON u.id = h.changed_by
      WHERE h.case_id = $1 ORDER BY h.changed_at, h.id`,
    [caseId],
  );
}

/** One history step with its case's number, or null. */
export async function findHistoryNotice(db: Db, historyId: string): Promise<HistoryNotice | null> {
  const rows: HistoryNotice[] = await db.query(
    `SELECT h.case_id AS "caseId", c.number AS "caseNumber", h.status, h.note, h.changed_at AS "changedAt"
       FROM case_history h JOIN cases c ON c.id = h.case_id WHERE h.id = $1`,
    [historyId],
  );
  return rows[0] ?? null;
}

/** Records a new deadline of a case (KPA art. 36); returns its id. */
export async function insertDeadlineChange(
  manager: EntityManager,
  change: Pick<CaseDeadlineChange, 'caseId' | 'dueAt' | 'reason' | 'changedAt' | 'changedBy'>,
): Promise<string> {
  const { identifiers } = await manager.getRepository(CaseDeadlineChange).insert(change);
  return identifiers[0].id as string;
}

/** One deadline change with its case's number, or null. */
export async function findDeadlineChangeNotice(db: Db, deadlineChangeId: string): Promise<DeadlineChangeNotice | null> {
  const rows: DeadlineChangeNotice[] = await db.query(
    `SELECT d.case_id AS "caseId", c.number AS "caseNumber", d.due_at AS "dueAt", d.reason
       FROM case_deadline_changes d JOIN cases c ON c.id = d.case_id WHERE d.id = $1`,
    [deadlineChangeId],
  );
  return rows[0] ?? null;
}

/** The new dates an official set for a case (KPA art. 36), with their reasons, oldest first. */
export async function listDeadlineChanges(db: Db, caseId: string): Promise<Array<Pick<CaseDeadlineChange, 'dueAt' | 'reason' | 'changedAt'>>> {
  return db.query(`SELECT due_at AS "dueAt", reason, changed_at AS "changedAt" FROM case_deadline_changes WHERE case_id = $1 ORDER BY changed_at, id`, [caseId]);
}
