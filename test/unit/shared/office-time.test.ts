import { endOfDayInWarsaw, warsawDate } from '../../../services/shared/office-time';

// In 2026 Warsaw moves to summer time on 29 March and back to winter time on 25 October.
describe('endOfDayInWarsaw (a deadline "on" a day lasts all day, office time)', () => {
  test('when the day is in winter time, then it ends at 22:59:59 UTC', () => {
    expect(endOfDayInWarsaw('2026-01-15')).toBe('2026-01-15T22:59:59.000Z');
    expect(endOfDayInWarsaw('2026-03-28')).toBe('2026-03-28T22:59:59.000Z');
  });

  test('when the day is the one the clocks go forward, then it ends in summer time, at 21:59:59 UTC', () => {
    expect(endOfDayInWarsaw('2026-03-29')).toBe('2026-03-29T21:59:59.000Z');
  });

  test('when the day is in summer time, then it ends at 21:59:59 UTC', () => {
    expect(endOfDayInWarsaw('2026-07-01')).toBe('2026-07-01T21:59:59.000Z');
    expect(endOfDayInWarsaw('2026-10-24')).toBe('2026-10-24T21:59:59.000Z');
  });

  test('when the day is the one the clocks go back, then it ends in winter time, at 22:59:59 UTC', () => {
    expect(endOfDayInWarsaw('2026-10-25')).toBe('2026-10-25T22:59:59.000Z');
  });

  test('when the text is not a real calendar day, then there is none', () => {
    expect(endOfDayInWarsaw('2026-02-30')).toBeNull();
    expect(endOfDayInWarsaw('2026-13-01')).toBeNull();
    expect(endOfDayInWarsaw('15.01.2026')).toBeNull();
    expect(endOfDayInWarsaw('')).toBeNull();
  });

  test('when the day comes with spaces around it (as typed), then they do not matter', () => {
    expect(endOfDayInWarsaw(' 2026-01-15 ')).toBe('2026-01-15T22:59:59.000Z');
  });
});

describe('warsawDate', () => {
  test('when an instant is late evening UTC, then its Warsaw day may already be the next one', () => {
    expect(warsawDate('2026-03-29T22:30:00.000Z')).toBe('2026-03-30');
    expect(warsawDate('2026-01-15T22:59:59.000Z')).toBe('2026-01-15');
    expect(warsawDate('2026-01-15T23:00:00.000Z')).toBe('2026-01-16');
  });

  test('when endOfDayInWarsaw gave a deadline, then warsawDate shows the same day', () => {
    for (const day of ['2026-03-29', '2026-10-25', '2026-12-31']) expect(warsawDate(endOfDayInWarsaw(day)!)).toBe(day);
  });
});
