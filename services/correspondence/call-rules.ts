import { DateTime } from 'luxon';
import type { CallStatus } from '../../entities/case-call.entity';
import { officeDayOf } from '../cases/deadline-reminders';
import { OFFICE_TIME_ZONE } from '../shared/office-time';

/** A call for completion gives the parties at least this many days (KPA art. 64 §2: "not less than 7 days"). */
export const MIN_CALL_DAYS = 7;

/** The earliest last day a call made at `now` may name: 7 days after today in the office (`YYYY-MM-DD`). */
export function earliestCallDueDate(now: Date): string {
  return DateTime.fromJSDate(now, { zone: OFFICE_TIME_ZONE }).startOf('day').plus({ days: MIN_CALL_DAYS }).toISODate() ?? '';
}

/** Why a call's last day is refused, in Polish, or null when it is acceptable at `now`. */
export function callDueDateProblem(day: string, now: Date): string | null {
  const parsed = DateTime.fromISO(day, { zone: OFFICE_TIME_ZONE });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !parsed.isValid) return 'Podaj prawdziwą datę w postaci RRRR-MM-DD.';
  const earliest = earliestCallDueDate(now);
  // ISO dates of the same length compare as text in calendar order.
  if (day < earliest) return `Termin na uzupełnienie to co najmniej ${MIN_CALL_DAYS} dni (art. 64 § 2 KPA): wybierz ${earliest} albo późniejszy dzień.`;
  return null;
}

/**
 * A call's status as it is at `now`: an open call whose last day has passed (in the office's
 * calendar) is expired, even before the deadline scan writes that down.
 */
export function callStatusAt(stored: CallStatus, dueDate: string, now: Date): CallStatus {
  return stored === 'open' && dueDate < officeDayOf(now) ? 'expired' : stored;
}
