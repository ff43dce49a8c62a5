import type { CaseStatus } from '../../entities/case.entity';
import { CASE_STATUS_LABELS, isPaused } from './case-status';

/** One stop of a case's deadline clock: from when, until when (null: still stopped), and why. */
export interface CasePause {
  status: CaseStatus;
  statusLabel: string;
  from: string;
  until: string | null;
  note: string | null;
}

/**
 * The pauses of a case's deadline (KPA art. 35 §5) read off its history, oldest first: a pause
 * begins when the case enters a paused status from a running one and ends when it leaves the
 * paused statuses (moving between the two keeps one pause, as the clock does).
 */
export function pausesOf(history: ReadonlyArray<{ status: CaseStatus; note: string | null; changedAt: string }>): CasePause[] {
  const pauses: CasePause[] = [];
  let open: CasePause | null = null;
  for (const step of history) {
    if (isPaused(step.status) && open === null) {
      open = { status: step.status, statusLabel: CASE_STATUS_LABELS[step.status], from: step.changedAt, until: null, note: step.note };
      pauses.push(open);
    } else if (!isPaused(step.status) && open !== null) {
      open.until = step.changedAt;
      open = null;
    }
  }
  return pauses;
}
