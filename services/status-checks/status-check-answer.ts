import type { DataSource, EntityManager } from 'typeorm';
import type { CaseStatus } from '../../entities/case.entity';
import type { StatusCheckState } from '../../entities/status-check.entity';
import { CASE_STATUS_LABELS } from '../cases/case-status';
import { CASE_SUMMARY_SQL, responsibleName, toCaseSummary, type CaseSummaryRow } from '../cases/case-summary';

/** A status_checks row with, when its case is linked to the requester, the case and its history. */
export interface StatusCheckAnswerRow extends Partial<CaseSummaryRow> {
  request_id: string;
  user_id: string;
  case_number: string;
  request_status: StatusCheckState;
  requested_at: Date;
  /** Null when no case of that number is linked to the requester (missing or someone else's alike). */
  case_id: string | null;
  history: Array<{ status: CaseStatus; note: string | null; changedAt: string }> | null;
}

// One statement: the request, the case only if linked to the requester (a LATERAL join, so a
// case of someone else is indistinguishable from none), and its history oldest first.
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
   WHERE sc.id = $1`;

/** Loads what the answer to one status check needs, or null when the request does not exist. */
export async function loadStatusCheckAnswer(db: DataSource | EntityManager, statusCheckId: string): Promise<StatusCheckAnswerRow | null> {
  const rows: StatusCheckAnswerRow[] = await db.query(ANSWER_SQL, [statusCheckId]);
  return rows[0] ?? null;
}

/** The `case_status` message data: identical in shape for a missing case and someone else's. */
export function caseStatusData(row: StatusCheckAnswerRow, now: Date = new Date()) {
  const base = { requestId: row.request_id, caseNumber: row.case_number };
  if (!row.case_id) return { ...base, found: false as const };
  const summary = toCaseSummary(row as CaseSummaryRow, now);
  return {
    ...base,
    found: true as const,
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    unitName: summary.unit.name,
    unitPhone: summary.unit.phone,
    unitEmail: summary.unit.email,
    responsiblePerson: responsibleName(summary),
    status: summary.status,
    statusLabel: summary.statusLabel,
    dueAt: summary.dueAt,
    overdue: summary.overdue,
    history: (row.history ?? []).map((h) => ({
      status: h.status,
      statusLabel: CASE_STATUS_LABELS[h.status],
      note: h.note,
      changedAt: new Date(h.changedAt).toISOString(),
    })),
  };
}

export type CaseStatusData = ReturnType<typeof caseStatusData>;
