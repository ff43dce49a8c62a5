import { callDueDateProblem, callStatusAt, earliestCallDueDate } from '../../../services/correspondence/call-rules';

describe('the last day of a call for completion (KPA art. 64 §2: at least 7 days)', () => {
  // 10:00 on 2 December in Warsaw.
  const now = new Date('2026-12-02T09:00:00Z');

  test('when the call is made, then the earliest last day is 7 days after today in the office', () => {
    expect(earliestCallDueDate(now)).toBe('2026-12-09');
  });

  test('when it is already the next day in Warsaw but not in UTC, then the office calendar counts', () => {
    // 23:30 UTC on 2 December is 00:30 on 3 December in Warsaw.
    expect(earliestCallDueDate(new Date('2026-12-02T23:30:00Z'))).toBe('2026-12-10');
  });

  test('when the day is 7 or more days ahead, then it is accepted', () => {
    expect(callDueDateProblem('2026-12-09', now)).toBeNull();
    expect(callDueDateProblem('2027-01-31', now)).toBeNull();
  });

  test('when the day is 6 days ahead, today or in the past, then it is refused with the earliest allowed day', () => {
    for (const day of ['2026-12-08', '2026-12-02', '2025-01-01']) expect(callDueDateProblem(day, now)).toContain('2026-12-09');
  });

  test('when the text is not a real date, then it is refused', () => {
    for (const day of ['2026-02-30', '2026-13-01', '09.12.2026', '2026-1-9', '']) expect(callDueDateProblem(day, now)).toMatch(/prawdziwą datę/);
  });
});

describe('the status of a call as it is read', () => {
  const now = new Date('2026-12-10T12:00:00Z');

  test('when an open call is still within its last day, then it is open', () => {
    expect(callStatusAt('open', '2026-12-10', now)).toBe('open');
  });

  test('when the last day of an open call has passed, then it reads as expired', () => {
    expect(callStatusAt('open', '2026-12-09', now)).toBe('expired');
  });

  test('when a call was answered, then its day passing changes nothing', () => {
    expect(callStatusAt('answered', '2026-12-01', now)).toBe('answered');
  });
});
