import { z } from 'zod';
import type { DataSource, EntityManager } from 'typeorm';
import { CASE_STATUSES, type CaseStatus } from '../../entities/case.entity';
import { CASE_STATUS_LABELS, isOverdue } from './case-status';
import { personName } from './person-name';

export const caseSummarySchema = z
  .object({
    number: z.string().meta({ example: 'GN.6840.12.2026' }),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    statusLabel: z.string(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    dueAt: z.iso.datetime().nullable(),
    overdue: z.boolean(),
    unit: z.object({ symbol: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
    responsiblePerson: z.object({ firstName: z.string(), lastName: z.string() }).nullable(),
  })
  .meta({ id: 'CaseSummary' });

export type CaseSummary = z.output<typeof caseSummarySchema>;

/** A row of CASE_SUMMARY_SQL. */
export interface CaseSummaryRow {
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
}

/** A case with its unit and responsible person, in one query; callers append WHERE/ORDER. */
export const CASE_SUMMARY_SQL = `
  SELECT c.id, c.number, c.title, c.status, c.started_at, c.ended_at, c.due_at, c.paused_since,
         u.id AS unit_id, u.symbol AS unit_symbol, u.name AS unit_name, u.phone AS unit_phone, u.email AS unit_email,
         r.first_name AS responsible_first_name, r.last_name AS responsible_last_name
    FROM cases c
    JOIN units u ON u.id = c.unit_id
    LEFT JOIN users r ON r.id = c.responsible_id`;

/** The contract's CaseSummary of a row (overdue computed here, the same everywhere). */
export function toCaseSummary(row: CaseSummaryRow, now: Date = new Date()): CaseSummary {
  return {
    number: row.number,
    title: row.title,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    overdue: isOverdue(row.status, row.due_at, row.paused_since, now),
    unit: { symbol: row.unit_symbol, name: row.unit_name, phone: row.unit_phone, email: row.unit_email },
    responsiblePerson:
      row.responsible_first_name !== null && row.responsible_last_name !== null
        ? { firstName: row.responsible_first_name, lastName: row.responsible_last_name }
        : null,
  };
}

/** "Firstname Lastname" or null, as message data carries the responsible person. */
export function responsibleName(summary: Pick<CaseSummary, 'responsiblePerson'>): string | null {
  return summary.responsiblePerson ? personName(summary.responsiblePerson) : null;
}

/** One case's summary row by id, or null. */
export async function findCaseSummaryRow(db: DataSource | EntityManager, caseId: string): Promise<CaseSummaryRow | null> {
  const rows: CaseSummaryRow[] = await db.query(`${CASE_SUMMARY_SQL} WHERE c.id = $1`, [caseId]);
  return rows[0] ?? null;
}
