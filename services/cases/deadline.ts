import type { CaseStatus } from '../../entities/case.entity';
import { isPaused } from './case-status';
import { dueAtAfterPause } from './kpa-deadline';

/**
 * The KPA deadline clock of a case (art. 35): `dueAt` and, while the case is suspended or
 * awaiting the applicant, when the clock stopped. Pure arithmetic, no I/O: the service reads
 * and writes the two columns, this decides their new values.
 */
export interface DeadlineClock {
  dueAt: Date | null;
  pausedSince: Date | null;
}

/**
 * The clock after a status change at `now`. Entering a paused status stops the clock (unless it
 * is stopped already: moving between the two paused statuses keeps the first stop); leaving to
 * any other status, final ones included, restarts it with `dueAt` moved later by the calendar
 * days the pause covered, and again off a non-working day (art. 35 §5, art. 57 §4).
 */
export function clockAfterStatusChange(clock: DeadlineClock, to: CaseStatus, now: Date): DeadlineClock {
  if (isPaused(to)) return { dueAt: clock.dueAt, pausedSince: clock.pausedSince ?? now };
  if (clock.pausedSince === null) return clock;
  return { dueAt: clock.dueAt ? dueAtAfterPause(clock.dueAt, clock.pausedSince, now) : null, pausedSince: null };
}

/**
 * The clock after an official sets a new date (KPA art. 36) at `now`. While the case is paused
 * the stop restarts at `now`: the new date already accounts for the time paused so far, and
 * only the time still to come moves it on resumption.
 */
export function clockWithNewDueAt(clock: DeadlineClock, dueAt: Date, now: Date): DeadlineClock {
  return { dueAt, pausedSince: clock.pausedSince === null ? null : now };
}

/** A new date must not lie before the case's start date. */
export function isAcceptableDueAt(dueAt: Date, startedAt: Date): boolean {
  return dueAt.getTime() >= startedAt.getTime();
}
