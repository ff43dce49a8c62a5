import { DateTime } from 'luxon';

/** The office's time zone: its calendar days, deadlines and case-number years are Warsaw's. */
export const OFFICE_TIME_ZONE = 'Europe/Warsaw';

/**
 * The end of a calendar day (`YYYY-MM-DD`, as a date field sends it) in the office's time zone,
 * as an ISO instant; null when the text is not a real date. A deadline "on" a day lasts all day.
 */
export function endOfDayInWarsaw(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day.trim())) return null;
  const local = DateTime.fromISO(day.trim(), { zone: OFFICE_TIME_ZONE });
  if (!local.isValid) return null;
  return local.set({ hour: 23, minute: 59, second: 59, millisecond: 0 }).toUTC().toISO();
}

/** `YYYY-MM-DD` of an instant in the office's time zone. */
export function warsawDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: OFFICE_TIME_ZONE }).toISODate() ?? '';
}
