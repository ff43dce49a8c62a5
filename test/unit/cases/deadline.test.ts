import type { CaseStatus } from '../../../entities/case.entity';
import { clockAfterStatusChange, clockWithNewDueAt, isAcceptableDueAt, type DeadlineClock } from '../../../services/cases/deadline';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const start = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const fresh: DeadlineClock = { dueAt: at(30 * DAY), pausedSince: null };

/** Applies status changes `[status, at]` in order. */
function run(clock: DeadlineClock, steps: Array<[CaseStatus, Date]>): DeadlineClock {
  return steps.reduce((c, [status, now]) => clockAfterStatusChange(c, status, now), clock);
}

describe('clockAfterStatusChange', () => {
  test('when a running case changes to another running status, then the clock is untouched', () => {
    expect(clockAfterStatusChange(fresh, 'in_progress', at(DAY))).toEqual(fresh);
  });

  test('when a case is suspended, then the clock stops at that moment and dueAt stays', () => {
    expect(clockAfterStatusChange(fresh, 'suspended', at(2 * DAY))).toEqual({ dueAt: fresh.dueAt, pausedSince: at(2 * DAY) });
  });

  test('when a case is suspended and then resumed, then dueAt moves later by exactly the paused time', () => {
    const clock = run(fresh, [
      ['suspended', at(2 * DAY)],
      ['in_progress', at(2 * DAY + 5 * DAY + 3 * HOUR + 17)],
    ]);
    expect(clock).toEqual({ dueAt: at(30 * DAY + 5 * DAY + 3 * HOUR + 17), pausedSince: null });
  });

  test('when a case is paused twice, then both pauses add up', () => {
    const clock = run(fresh, [
      ['awaiting_applicant', at(1 * DAY)],
      ['in_progress', at(4 * DAY)],
      ['suspended', at(10 * DAY)],
      ['in_progress', at(12 * DAY + 6 * HOUR)],
    ]);
    expect(clock).toEqual({ dueAt: at(30 * DAY + 3 * DAY + 2 * DAY + 6 * HOUR), pausedSince: null });
  });

  test('when a case goes suspended → awaiting_applicant → in_progress, then the clock stays stopped from the first pause', () => {
    const between = run(fresh, [
      ['suspended', at(1 * DAY)],
      ['awaiting_applicant', at(3 * DAY)],
    ]);
    expect(between).toEqual({ dueAt: fresh.dueAt, pausedSince: at(1 * DAY) });
    expect(clockAfterStatusChange(between, 'in_progress', at(8 * DAY))).toEqual({ dueAt: at(37 * DAY), pausedSince: null });
  });

  test('when a paused case is closed, then the paused time is still added and the clock is cleared', () => {
    const clock = run(fresh, [
      ['suspended', at(1 * DAY)],
      ['discontinued', at(6 * DAY)],
    ]);
    expect(clock).toEqual({ dueAt: at(35 * DAY), pausedSince: null });
  });

  test('when the clock would run backwards (resumed "before" it stopped), then dueAt is not moved earlier', () => {
    const clock = clockAfterStatusChange({ dueAt: fresh.dueAt, pausedSince: at(5 * DAY) }, 'in_progress', at(4 * DAY));
    expect(clock).toEqual({ dueAt: fresh.dueAt, pausedSince: null });
  });

  test('when a case has no dueAt, then pausing and resuming keeps it without one', () => {
    const clock = run({ dueAt: null, pausedSince: null }, [
      ['suspended', at(DAY)],
      ['in_progress', at(2 * DAY)],
    ]);
    expect(clock).toEqual({ dueAt: null, pausedSince: null });
  });
});

describe('clockWithNewDueAt (KPA art. 36)', () => {
  test('when a running case gets a new date, then dueAt is that date and the clock keeps running', () => {
    expect(clockWithNewDueAt(fresh, at(45 * DAY), at(10 * DAY))).toEqual({ dueAt: at(45 * DAY), pausedSince: null });
  });

  test('when a paused case gets a new date, then only the time paused after it moves it on resumption', () => {
    const paused = clockAfterStatusChange(fresh, 'suspended', at(5 * DAY));
    const renewed = clockWithNewDueAt(paused, at(50 * DAY), at(9 * DAY));
    expect(renewed).toEqual({ dueAt: at(50 * DAY), pausedSince: at(9 * DAY) });
    expect(clockAfterStatusChange(renewed, 'in_progress', at(10 * DAY))).toEqual({ dueAt: at(51 * DAY), pausedSince: null });
  });
});

describe('isAcceptableDueAt', () => {
  test('when the new date is the start date or later, then it is accepted', () => {
    expect(isAcceptableDueAt(start, start)).toBe(true);
    expect(isAcceptableDueAt(at(DAY), start)).toBe(true);
  });

  test('when the new date is before the start date, then it is refused', () => {
    expect(isAcceptableDueAt(at(-1), start)).toBe(false);
  });
});
