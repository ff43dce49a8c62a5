import { RUNNING_STATUSES, statusList } from './case-status';
import type { Case } from '../../entities/case.entity';
import type { CaseLink } from '../../entities/case-link.entity';
import type { Unit } from '../../entities/unit.entity';
import type { User } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** A running case with a due date, with its unit and responsible person, as the deadline scan reads it. */
export type DeadlineCase = Pick<Case, 'id' | 'number' | 'title' | 'status'> & {
  dueAt: Date;
  unit: Pick<Unit, 'id' | 'symbol' | 'name' | 'phone' | 'email'>;
  responsible: Pick<User, 'id' | 'firstName' | 'lastName' | 'email' | 'role' | 'status'> | null;
};

interface DeadlineCaseColumns {
  id: string;
  number: string;
  title: string;
  status: Case['status'];
  due_at: Date;
  unit_id: string;
  unit_symbol: string;
  unit_name: string;
  unit_phone: string | null;
  unit_email: string | null;
  responsible_id: string | null;
  responsible_first_name: string | null;
  responsible_last_name: string | null;
  responsible_email: string | null;
  responsible_role: User['role'] | null;
  responsible_status: User['status'] | null;
}

/**
 * The cases whose deadline runs (registered or in progress: not final, not paused) and falls
 * before `before`, earliest first; only those of one official when `responsibleId` is given.
 * One query, on the partial index cases_running_due.
 */
export async function listRunningCasesDueBefore(db: Db, before: Date, responsibleId?: string): Promise<DeadlineCase[]> {
  const params: unknown[] = [before];
  const ofOfficial = responsibleId === undefined ? '' : `AND c.responsible_id = $${params.push(responsibleId)}`;
  const rows: DeadlineCaseColumns[] = await db.query(
    `SELECT c.id, c.number, c.title, c.status, c.due_at,
            u.id AS unit_id, u.symbol AS unit_symbol, u.name AS unit_name, u.phone AS unit_phone, u.email AS unit_email,
            r.id AS responsible_id, r.first_name AS responsible_first_name, r.last_name AS responsible_last_name,
            r.email AS responsible_email, r.role AS responsible_role, r.status AS responsible_status
       FROM cases c
       JOIN units u ON u.id = c.unit_id
       LEFT JOIN users r ON r.id = c.responsible_id
      WHERE c.status IN (${statusList(RUNNING_STATUSES)}) AND c.due_at IS NOT NULL AND c.due_at < $1 ${ofOfficial}
      ORDER BY c.due_at, c.number`,
    params,
  );
  return rows.map(deadlineCaseOf);
}

function deadlineCaseOf(row: DeadlineCaseColumns): DeadlineCase {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    dueAt: row.due_at,
    unit: { id: row.unit_id, symbol: row.unit_symbol, name: row.unit_name, phone: row.unit_phone, email: row.unit_email },
    // A responsible id means the join found the user, whose columns are all NOT NULL.
    responsible:
      row.responsible_id === null
        ? null
        : {
            id: row.responsible_id,
            firstName: row.responsible_first_name!,
            lastName: row.responsible_last_name!,
            email: row.responsible_email!,
            role: row.responsible_role!,
            status: row.responsible_status!,
          },
  };
}

/** The citizens linked to any of these cases (one query for all of them). */
export async function listLinksOfCases(db: Db, caseIds: readonly string[]): Promise<Array<Pick<CaseLink, 'caseId' | 'userId'>>> {
  if (caseIds.length === 0) return [];
  return db.query(`SELECT case_id AS "caseId", user_id AS "userId" FROM case_links WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, user_id`, [caseIds]);
}
