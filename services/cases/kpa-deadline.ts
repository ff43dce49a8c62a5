import { DateTime } from 'luxon';
import { OFFICE_TIME_ZONE } from '../shared/office-time';
import { polishPublicHolidays } from './polish-holidays';

/** A deadline as KPA art. 35 gives it: a number of days or of months. */
export type DeadlineTerm = { days: number } | { months: number };

/** The default term of a case (art. 35 §3: one month). */
export const DEFAULT_DEADLINE_TERM = { months: 1 } as const;

/** The local calendar day of an instant in the office's time zone. */
function officeDay(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: OFFICE_TIME_ZONE }).startOf('day');
}

/** True for a day that is neither a Saturday, a Sunday nor a Polish public holiday. */
export function isWorkingDay(day: DateTime): boolean {
  return day.weekday <= 5 && !polishPublicHolidays(day.year).has(day.toISODate() ?? '');
}

/** The day itself when it is a working day, else the next one (art. 57 §4). */
function onWorkingDay(day: DateTime): DateTime {
  let d = day;
  while (!isWorkingDay(d)) d = d.plus({ days: 1 });
  return d;
}

/** The end of a local day in the office (23:59:59.999 there), as an instant. */
function endOf(day: DateTime): Date {
  return day.endOf('day').toJSDate();
}

/**
 * `dueAt` of a case started at `startedAt` (KPA art. 57): days are counted from the day after
 * the start; months end on the same day number of the later month, or on its last day when it
 * has none (31 January + 1 month = the last day of February); an end on a Saturday, a Sunday or a
 * public holiday moves to the next working day. The end of that day in the office's time zone.
 */
export function dueAtFor(startedAt: Date, term: DeadlineTerm): Date {
  const start = officeDay(startedAt);
  const end = 'days' in term ? start.plus({ days: term.days }) : start.plus({ months: term.months });
  return endOf(onWorkingDay(end));
}

/**
 * The number of calendar days a pause covered (art. 35 §5): every local day it touched counts
 * whole, so a pause within one day is 1. A pause that would end before it began (clocks out of
 * step) covered nothing.
 */
export function pausedDays(pausedSince: Date, resumedAt: Date): number {
  if (resumedAt.getTime() < pausedSince.getTime()) return 0;
  return Math.round(officeDay(resumedAt).diff(officeDay(pausedSince), 'days').days) + 1;
}

/**
 * `dueAt` once a pause from `pausedSince` ends at `resumedAt`: the current end's local date moves
 * later by the days the pause covered, and again off a non-working day.
 */
export function dueAtAfterPause(dueAt: Date, pausedSince: Date, resumedAt: Date): Date {
  return endOf(onWorkingDay(officeDay(dueAt).plus({ days: pausedDays(pausedSince, resumedAt) })));
}

/** The working days from the local day of `from` up to the local day of `dueAt` (0 when due that day or before). */
export function workingDaysUntil(from: Date, dueAt: Date): number {
  let count = 0;
  const last = officeDay(dueAt);
  for (let d = officeDay(from).plus({ days: 1 }); d <= last; d = d.plus({ days: 1 })) if (isWorkingDay(d)) count += 1;
  return count;
}
