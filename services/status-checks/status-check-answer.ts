import { CASE_STATUS_LABELS } from '../cases/case-status';
import { responsibleName, toCaseSummary } from '../cases/case-summary';
import type { StatusCheckAnswerSource } from './status-check.repository';

/** The `case_status` message data: identical in shape for a missing case and someone else's. */
export function caseStatusData(source: StatusCheckAnswerSource, now: Date = new Date()) {
  const base = { requestId: source.request.id, caseNumber: source.request.caseNumber };
  if (!source.case) return { ...base, found: false as const };
  const summary = toCaseSummary(source.case, now);
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
    history: source.history.map((h) => ({
      status: h.status,
      statusLabel: CASE_STATUS_LABELS[h.status],
      note: h.note,
      changedAt: h.changedAt.toISOString(),
    })),
  };
}

export type CaseStatusData = ReturnType<typeof caseStatusData>;
