import { DateTime } from 'luxon';
import { dueAtAfterPause, dueAtFor, isWorkingDay, pausedDays, workingDaysUntil } from '../../../services/cases/kpa-deadline';
import { easterSunday, polishPublicHolidays } from '../../../services/cases/polish-holidays';

/** An instant given as Warsaw local time. */
const warsaw = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Warsaw' }).toJSDate();
/** The Warsaw local date and time of an instant. */
const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: 'Europe/Warsaw' }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");

describe('Polish public holidays', () => {
  test.each([
    [2024, { month: 3, day: 31 }],
    [2025, { month: 4, day: 20 }],
    [2026, { month: 4, day: 5 }],
    [2027, { month: 3, day: 28 }],
    [2038, { month: 4, day: 25 }],
  ])('when the year is %i, then Easter Sunday is %j', (year, expected) => {
    expect(easterSunday(year)).toEqual(expected);
  });

  test('when the year is 2026, then the holidays follow Easter (5 April) and include 24 December', () => {
    expect([...polishPublicHolidays(2026)].sort()).toEqual([
      '2026-01-01', '2026-01-06', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-03', '2026-05-24', '2026-06-04',
      '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-24', '2026-12-25', '2026-12-26',
    ]);
  });

  test('when the year is before 2025, then 24 December is a working day', () => {
    expect(polishPublicHolidays(2024).has('2024-12-24')).toBe(false);
    expect(isWorkingDay(DateTime.fromISO('2024-12-24', { zone: 'Europe/Warsaw' }))).toBe(true);
  });
});

describe('dueAtFor (KPA art. 57)', () => {
  test('when a case starts on 31 January with 1 month, then it is due on the last day of February (moved off a Saturday)', () => {
    // 28 February 2026 is a Saturday: the end moves to Monday 2 March.
    expect(local(dueAtFor(warsaw('2026-01-31T10:00'), { months: 1 }))).toBe('2026-03-02T23:59:59.999');
    // 2028 is a leap year; 29 February 2028 is a Tuesday.
    expect(local(dueAtFor(warsaw('2028-01-31T10:00'), { months: 1 }))).toBe('2028-02-29T23:59:59.999');
  });

  test('when the days end on the Friday before the long weekend of 1–3 May, then the end moves past it to Monday', () => {
    // Started Friday 17 April 2026 + 14 days = Friday 1 May (holiday), Sat 2, Sun 3 (holiday) → Monday 4 May.
    expect(local(dueAtFor(warsaw('2026-04-17T12:00'), { days: 14 }))).toBe('2026-05-04T23:59:59.999');
  });

  test('when a case starts on 23 December with 7 days, then day one is 24 December and the end (30 December) stands', () => {
    expect(local(dueAtFor(warsaw('2026-12-23T15:00'), { days: 7 }))).toBe('2026-12-30T23:59:59.999');
  });

  test('when the days end on Christmas, then the end moves past 24–26 December and the weekend', () => {
    // 17 December 2026 + 7 = Thursday 24 December → 25, 26 (Sat), 27 (Sun) → Monday 28 December.
    expect(local(dueAtFor(warsaw('2026-12-17T09:00'), { days: 7 }))).toBe('2026-12-28T23:59:59.999');
  });

  test('when the term crosses a change of clocks, then the end is still 23:59:59.999 local time', () => {
    const spring = dueAtFor(warsaw('2026-03-20T08:00'), { days: 14 }); // clocks go forward on 29 March
    expect(local(spring)).toBe('2026-04-03T23:59:59.999');
    expect(spring.toISOString()).toBe('2026-04-03T21:59:59.999Z');
    const autumn = dueAtFor(warsaw('2026-10-20T08:00'), { days: 14 }); // clocks go back on 25 October
    expect(local(autumn)).toBe('2026-11-03T23:59:59.999');
    expect(autumn.toISOString()).toBe('2026-11-03T22:59:59.999Z');
  });

  test('when a case starts late in the evening, then its local date (not the UTC one) counts', () => {
    // 00:30 on 6 January in Warsaw is still 5 January in UTC: day one is 7 January, not 6 January.
    expect(local(dueAtFor(warsaw('2026-01-06T00:30'), { days: 7 }))).toBe('2026-01-13T23:59:59.999');
  });
});

describe('pauses (KPA art. 35 §5)', () => {
  test('when a pause lasts part of one day, then it counts as one day', () => {
    expect(pausedDays(warsaw('2026-03-02T09:00'), warsaw('2026-03-02T15:00'))).toBe(1);
  });

  test('when a pause covers three local days, then they count three, whatever the hours', () => {
    expect(pausedDays(warsaw('2026-03-02T23:00'), warsaw('2026-03-04T01:00'))).toBe(3);
  });

  test('when a pause over a holiday ends, then dueAt moves by the calendar days covered and off a non-working day', () => {
    // Due Wednesday 29 April 2026; paused Thursday 30 April – Monday 4 May (5 days, holidays included)
    // → 29 April + 5 = Monday 4 May, a working day.
    const due = warsaw('2026-04-29T23:59:59.999');
    expect(local(dueAtAfterPause(due, warsaw('2026-04-30T10:00'), warsaw('2026-05-04T08:00')))).toBe('2026-05-04T23:59:59.999');
    // Paused one day only: 29 April + 1 = 30 April (Thursday).
    expect(local(dueAtAfterPause(due, warsaw('2026-04-27T10:00'), warsaw('2026-04-27T11:00')))).toBe('2026-04-30T23:59:59.999');
    // Paused two days: 29 April + 2 = Friday 1 May, a holiday → Monday 4 May.
    expect(local(dueAtAfterPause(due, warsaw('2026-04-27T10:00'), warsaw('2026-04-28T11:00')))).toBe('2026-05-04T23:59:59.999');
  });
});

describe('workingDaysUntil', () => {
  test('when the due day is after a weekend and a holiday, then only working days count', () => {
    // From Wednesday 29 April to Tuesday 5 May 2026: 30 April, 4 May, 5 May.
    expect(workingDaysUntil(warsaw('2026-04-29T12:00'), warsaw('2026-05-05T23:59:59.999'))).toBe(3);
    expect(workingDaysUntil(warsaw('2026-05-05T12:00'), warsaw('2026-05-05T23:59:59.999'))).toBe(0);
  });
});
