import { DateTime } from 'luxon';
import type { CaseStatus } from '../../../entities/case.entity';
import { clockAfterStatusChange, clockWithNewDueAt, isAcceptableDueAt, type DeadlineClock } from '../../../services/cases/deadline';

/** An instant given as Warsaw local time. */
const warsaw = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Warsaw' }).toJSDate();
/** The end of a Warsaw local day, as dueAt holds it. */
const dueOn = (day: string) => warsaw(`${day}T23:59:59.999`);

// Started Monday 2 March 2026 with one month: due Thursday 2 April 2026 (Easter is 5–6 April).
const start = warsaw('2026-03-02T10:00');
const fresh: DeadlineClock = { dueAt: dueOn('2026-04-02'), pausedSince: null };

/** Applies status changes `[status, at]` in order. */
function run(clock: DeadlineClock, steps: Array<[CaseStatus, Date]>): DeadlineClock {
  return steps.reduce((c, [status, now]) => clockAfterStatusChange(c, status, now), clock);
}

describe('clockAfterStatusChange (KPA art. 35 §5)', () => {
  test('when a running case changes to another running status, then the clock is untouched', () => {
    expect(clockAfterStatusChange(fresh, 'in_progress', warsaw('2026-03-03T09:00'))).toEqual(fresh);
  });

  test('when a case is suspended, then the clock stops at that moment and dueAt stays', () => {
    expect(clockAfterStatusChange(fresh, 'suspended', warsaw('2026-03-04T12:00'))).toEqual({ dueAt: fresh.dueAt, pausedSince: warsaw('2026-03-04T12:00') });
  });

  test('when a suspended case resumes, then dueAt moves by the calendar days the pause covered, and off Easter', () => {
    // 3, 4 and 5 March: 3 days. 2 April + 3 = Sunday 5 April (Easter) → Monday 6 April (Easter Monday) → Tuesday 7 April.
    const clock = run(fresh, [
      ['suspended', warsaw('2026-03-03T09:00')],
      ['in_progress', warsaw('2026-03-05T08:00')],
    ]);
    expect(clock).toEqual({ dueAt: dueOn('2026-04-07'), pausedSince: null });
  });

  test('when a pause lasts an hour, then it counts as a whole day', () => {
    const clock = run(fresh, [
      ['awaiting_applicant', warsaw('2026-03-03T09:00')],
      ['in_progress', warsaw('2026-03-03T10:00')],
    ]);
    expect(clock).toEqual({ dueAt: dueOn('2026-04-03'), pausedSince: null });
  });

  test('when a case is paused twice, then both pauses add up', () => {
    // 2 days (9–10 March): 2 April + 2 = Saturday 4 April → past Easter to Tuesday 7 April;
    // then 1 day (16 March): 8 April. Each resumption leaves a non-working day on its own.
    const clock = run(fresh, [
      ['awaiting_applicant', warsaw('2026-03-09T08:00')],
      ['in_progress', warsaw('2026-03-10T15:00')],
      ['suspended', warsaw('2026-03-16T08:00')],
      ['in_progress', warsaw('2026-03-16T12:00')],
    ]);
    expect(clock).toEqual({ dueAt: dueOn('2026-04-08'), pausedSince: null });
  });

  test('when a case goes suspended → awaiting_applicant → in_progress, then the clock stays stopped from the first pause', () => {
    const between = run(fresh, [
      ['suspended', warsaw('2026-03-03T09:00')],
      ['awaiting_applicant', warsaw('2026-03-04T09:00')],
    ]);
    expect(between).toEqual({ dueAt: fresh.dueAt, pausedSince: warsaw('2026-03-03T09:00') });
    // 3–5 March: 3 days.
    expect(clockAfterStatusChange(between, 'in_progress', warsaw('2026-03-05T09:00'))).toEqual({ dueAt: dueOn('2026-04-07'), pausedSince: null });
  });

  test('when a paused case is closed, then the paused days are still added and the clock is cleared', () => {
    const clock = run(fresh, [
      ['suspended', warsaw('2026-03-23T09:00')],
      ['discontinued', warsaw('2026-03-23T11:00')],
    ]);
    expect(clock).toEqual({ dueAt: dueOn('2026-04-03'), pausedSince: null });
  });

  test('when the clock would run backwards (resumed "before" it stopped), then dueAt is not moved', () => {
    const clock = clockAfterStatusChange({ dueAt: fresh.dueAt, pausedSince: warsaw('2026-03-05T10:00') }, 'in_progress', warsaw('2026-03-05T09:00'));
    expect(clock).toEqual({ dueAt: fresh.dueAt, pausedSince: null });
  });

  test('when a case has no dueAt, then pausing and resuming keeps it without one', () => {
    const clock = run({ dueAt: null, pausedSince: null }, [
      ['suspended', warsaw('2026-03-03T09:00')],
      ['in_progress', warsaw('2026-03-04T09:00')],
    ]);
    expect(clock).toEqual({ dueAt: null, pausedSince: null });
  });
});

describe('clockWithNewDueAt (KPA art. 36)', () => {
  test('when a running case gets a new date, then dueAt is that date and the clock keeps running', () => {
    expect(clockWithNewDueAt(fresh, dueOn('2026-04-30'), warsaw('2026-03-12T09:00'))).toEqual({ dueAt: dueOn('2026-04-30'), pausedSince: null });
  });

  test('when a paused case gets a new date, then only the days paused from then on move it on resumption', () => {
    const paused = clockAfterStatusChange(fresh, 'suspended', warsaw('2026-03-05T09:00'));
    const renewed = clockWithNewDueAt(paused, dueOn('2026-04-28'), warsaw('2026-03-09T09:00'));
    expect(renewed).toEqual({ dueAt: dueOn('2026-04-28'), pausedSince: warsaw('2026-03-09T09:00') });
    // 9 and 10 March: 2 days → 30 April (Thursday).
    expect(clockAfterStatusChange(renewed, 'in_progress', warsaw('2026-03-10T09:00'))).toEqual({ dueAt: dueOn('2026-04-30'), pausedSince: null });
  });
});

describe('isAcceptableDueAt', () => {
  test('when the new date is the start date or later, then it is accepted', () => {
    expect(isAcceptableDueAt(start, start)).toBe(true);
    expect(isAcceptableDueAt(warsaw('2026-03-03T00:00'), start)).toBe(true);
  });

  test('when the new date is before the start date, then it is refused', () => {
    expect(isAcceptableDueAt(new Date(start.getTime() - 1), start)).toBe(false);
  });
});
