import { DateTime } from 'luxon';
import type { User } from '../../entities/user.entity';
import { hasRealAddress } from '../accounts/mail-address';
import { OFFICE_TIME_ZONE } from '../shared/office-time';
import { isOverdue } from './case-status';
import type { DeadlineCase } from './deadline-scan.repository';
import { isWorkingDay, workingDaysUntil } from './kpa-deadline';

/** One case in an official's reminder e-mail. */
export interface ReminderCase {
  number: string;
  title: string;
  dueAt: string;
  overdue: boolean;
}

/** The office's calendar day (`YYYY-MM-DD`, Europe/Warsaw) of an instant: the day a reminder belongs to. */
export function officeDayOf(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: OFFICE_TIME_ZONE }).toISODate() ?? '';
}

/**
 * The first instant past the reminder window: the start of the (`days` + 1)-th working day after
 * the office day of `now`. A running case due before it is overdue or due within `days` working
 * days (workingDaysUntil), so the scan's query can select by `due_at` alone.
 */
export function reminderWindowEnd(now: Date, days: number): Date {
  let day = DateTime.fromJSDate(now, { zone: OFFICE_TIME_ZONE }).startOf('day');
  for (let left = days + 1; left > 0; ) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day)) left -= 1;
  }
  return day.toJSDate();
}

/** True when a running case belongs in a reminder: overdue, or due within `days` working days. */
export function belongsInReminder(c: Pick<DeadlineCase, 'status' | 'dueAt'>, now: Date, days: number): boolean {
  return isOverdue(c.status, c.dueAt, now) || workingDaysUntil(now, c.dueAt) <= days;
}

/** The lines of a reminder: the cases that belong in it, earliest due first (so the overdue ones lead). */
export function reminderCases(cases: readonly DeadlineCase[], now: Date, days: number): ReminderCase[] {
  return cases
    .filter((c) => belongsInReminder(c, now, days))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.number.localeCompare(b.number))
    .map((c) => ({ number: c.number, title: c.title, dueAt: c.dueAt.toISOString(), overdue: isOverdue(c.status, c.dueAt, now) }));
}

/** True for a responsible person who gets reminders: an active official with an address mail can reach. */
export function isRemindable(person: Pick<User, 'role' | 'status' | 'email'>): boolean {
  return person.role === 'official' && person.status === 'active' && hasRealAddress(person.email);
}

/** The officials who get a reminder from this scan (ids), each with at least one case in it. */
export function officialsToRemind(cases: readonly DeadlineCase[], now: Date, days: number): string[] {
  const ids = new Set<string>();
  for (const c of cases) {
    if (c.responsible && isRemindable(c.responsible) && belongsInReminder(c, now, days)) ids.add(c.responsible.id);
  }
  return [...ids].sort();
}
