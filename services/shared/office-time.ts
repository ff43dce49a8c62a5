/** The office's time zone: its calendar days, deadlines and case-number years are Warsaw's. */
export const OFFICE_TIME_ZONE = 'Europe/Warsaw';

/** The UTC offset of Warsaw at `instant`, in minutes (60 in winter, 120 in summer). */
function warsawOffsetMinutes(instant: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: OFFICE_TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/**
 * The end of a calendar day (`YYYY-MM-DD`, as a date field sends it) in the office's time zone,
 * as an ISO instant; null when the text is not a real date. A deadline "on" a day lasts all day.
 */
export function endOfDayInWarsaw(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const naive = Date.UTC(y, m - 1, d, 23, 59, 59);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return new Date(naive - warsawOffsetMinutes(new Date(naive)) * 60_000).toISOString();
}

/** `YYYY-MM-DD` of an instant in the office's time zone. */
export function warsawDate(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: OFFICE_TIME_ZONE }).format(new Date(iso));
}
