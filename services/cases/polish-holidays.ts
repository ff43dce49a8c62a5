/**
 * Polish public holidays (ustawa o dniach wolnych od pracy, art. 1), as local dates `YYYY-MM-DD`:
 * the fixed ones, Easter Sunday and Monday, Pentecost Sunday (Easter + 49 days) and Corpus Christi
 * (Easter + 60 days); 24 December is a holiday since 2025.
 */
export function polishPublicHolidays(year: number): ReadonlySet<string> {
  const easter = easterSunday(year);
  const fromEaster = (days: number) => isoDate(new Date(Date.UTC(year, easter.month - 1, easter.day + days)));
  const fixed = ['01-01', '01-06', '05-01', '05-03', '08-15', '11-01', '11-11', '12-25', '12-26', ...(year >= 2025 ? ['12-24'] : [])];
  return new Set([...fixed.map((md) => `${year}-${md}`), fromEaster(0), fromEaster(1), fromEaster(49), fromEaster(60)]);
}

/** Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function isoDate(utcMidnight: Date): string {
  return utcMidnight.toISOString().slice(0, 10);
}
