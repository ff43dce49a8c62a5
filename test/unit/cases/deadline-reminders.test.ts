import { DateTime } from 'luxon';
import { hasRealAddress } from '../../../services/accounts/mail-address';
import { belongsInReminder, isRemindable, officeDayOf, officialsToRemind, reminderCases, reminderWindowEnd } from '../../../services/cases/deadline-reminders';
import type { DeadlineCase } from '../../../services/cases/deadline-scan.repository';
import { overdueEventKey } from '../../../services/cases/overdue-notices';

/** An instant given as Warsaw local time. */
const warsaw = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Warsaw' }).toJSDate();
/** The end of a Warsaw local day, as a case's dueAt is. */
const endOf = (day: string) => DateTime.fromISO(day, { zone: 'Europe/Warsaw' }).endOf('day').toJSDate();

const OLGA = { id: 'o-1', firstName: 'Olga', lastName: 'Referent', email: 'olga@urzad.example', role: 'official' as const, status: 'active' as const };

let numbers = 0;
/** A running case due at the end of `day` (Warsaw), Olga's unless told otherwise. */
function dueOn(day: string, responsible: DeadlineCase['responsible'] = OLGA): DeadlineCase {
  numbers += 1;
  return {
    id: `c-${numbers}`,
    number: `GN.6840.${numbers}.2026`,
    title: `Wniosek ${numbers}`,
    status: 'in_progress',
    dueAt: endOf(day),
    unit: { id: 'u-1', symbol: 'GN', name: 'Wydział Gospodarki Nieruchomościami', phone: null, email: null },
    responsible,
  };
}

// Monday 23 November 2026, 07:00 in Warsaw: the scan's usual hour.
const MONDAY = warsaw('2026-11-23T07:00');

describe('the reminder window (working days)', () => {
  test.each([
    ['a Monday', '2026-11-23T07:00', 3, '2026-11-27T00:00'], // Tue, Wed, Thu; ends as Friday begins
    ['a Thursday (over a weekend)', '2026-11-26T07:00', 3, '2026-12-02T00:00'], // Fri, Mon, Tue
    ['a Monday before 11 November (a holiday)', '2026-11-09T07:00', 3, '2026-11-16T00:00'], // Tue, Thu, Fri
    ['a Monday, one day ahead', '2026-11-23T07:00', 1, '2026-11-25T00:00'],
    ['late evening, the same office day', '2026-11-23T23:30', 3, '2026-11-27T00:00'],
  ])('when the scan runs on %s looking %i days ahead, then the window ends at %s in Warsaw', (_what, now, days, end) => {
    expect(reminderWindowEnd(warsaw(now), days)).toEqual(warsaw(end));
  });

  test('when a case is due on the last working day of the window, then it belongs in the reminder; the next day, it does not', () => {
    expect(belongsInReminder(dueOn('2026-11-26'), MONDAY, 3)).toBe(true);
    expect(belongsInReminder(dueOn('2026-11-27'), MONDAY, 3)).toBe(false);
  });

  test('when a case is due on a Saturday after the last working day of the window, then it counts as within it', () => {
    const thursday = warsaw('2026-11-26T07:00');
    expect(belongsInReminder(dueOn('2026-12-01'), thursday, 3)).toBe(true);
    expect(belongsInReminder(dueOn('2026-11-28'), thursday, 1)).toBe(true);
    expect(belongsInReminder(dueOn('2026-12-02'), thursday, 3)).toBe(false);
  });

  test('when a case is due today or already overdue, then it belongs in the reminder', () => {
    expect(belongsInReminder(dueOn('2026-11-23'), MONDAY, 3)).toBe(true);
    expect(belongsInReminder(dueOn('2026-10-01'), MONDAY, 3)).toBe(true);
  });

  test('when the scan runs at 00:30 in Warsaw (still the previous day in UTC), then its office day is the Warsaw one', () => {
    expect(officeDayOf(warsaw('2026-11-23T00:30'))).toBe('2026-11-23');
    expect(officeDayOf(warsaw('2026-11-22T23:59'))).toBe('2026-11-22');
  });
});

describe('which cases go in an official reminder', () => {
  test('when cases are overdue, due soon and due later, then the reminder lists the first two kinds, earliest first, the overdue marked', () => {
    const later = dueOn('2026-12-15');
    const soon = dueOn('2026-11-25');
    const overdue = dueOn('2026-11-20');
    const today = dueOn('2026-11-23');
    expect(reminderCases([later, soon, overdue, today], MONDAY, 3)).toEqual([
      { number: overdue.number, title: overdue.title, dueAt: overdue.dueAt.toISOString(), overdue: true },
      { number: today.number, title: today.title, dueAt: today.dueAt.toISOString(), overdue: false },
      { number: soon.number, title: soon.title, dueAt: soon.dueAt.toISOString(), overdue: false },
    ]);
  });

  test('when cases belong to officials with and without a real address, then only active officials with a real address are reminded, once each', () => {
    const placeholder = { ...OLGA, id: 'o-2', email: 'piotr.ref@staff.invalid' };
    const disabled = { ...OLGA, id: 'o-3', status: 'disabled' as const };
    const registrar = { ...OLGA, id: 'o-4', role: 'registrar' as const };
    const cases = [dueOn('2026-11-24'), dueOn('2026-11-20'), dueOn('2026-11-24', placeholder), dueOn('2026-11-24', disabled), dueOn('2026-11-24', registrar), dueOn('2026-11-24', null)];
    expect(officialsToRemind(cases, MONDAY, 3)).toEqual(['o-1']);
  });

  test('when an official has only cases due after the window, then they get no reminder', () => {
    expect(officialsToRemind([dueOn('2026-12-15')], MONDAY, 3)).toEqual([]);
  });

  test.each([
    ['olga@urzad.example', true],
    ['Olga.Referent@URZAD.example.pl', true],
    ['olga.ref@staff.invalid', false],
    ['OLGA@STAFF.INVALID', false],
    ['', false],
    [null, false],
  ])('when the address is %p, then it counts as real: %p', (email, real) => {
    expect(hasRealAddress(email)).toBe(real);
    if (email !== null) expect(isRemindable({ role: 'official', status: 'active', email })).toBe(real);
  });
});

describe('the overdue notice key', () => {
  test('when a case gets a new due date, then its notice key changes; for the same date and citizen it stays the same', () => {
    const c = dueOn('2026-11-20');
    const key = overdueEventKey(c, 'user-1');
    expect(key).toBe(`case-overdue:${c.id}:${c.dueAt.toISOString()}:user-1`);
    expect(overdueEventKey({ ...c }, 'user-1')).toBe(key);
    expect(overdueEventKey({ ...c, dueAt: endOf('2026-12-04') }, 'user-1')).not.toBe(key);
    expect(overdueEventKey(c, 'user-2')).not.toBe(key);
  });
});
