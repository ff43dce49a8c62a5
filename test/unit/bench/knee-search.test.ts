import { e2eRate, kneeOf, nextKneeRate, roundRate, type KneeStep } from '../../../bench/knee-search';

/** Runs the search against a service that holds every rate up to `capacity`. */
function search(start: number, capacity: number): KneeStep[] {
  const steps: KneeStep[] = [];
  for (let rate = nextKneeRate(steps, start); rate !== null; rate = nextKneeRate(steps, start)) {
    steps.push({ rate, held: rate <= capacity, p99Ms: rate <= capacity ? 20 : 900, sent: rate * 10, answered: rate * 10 });
  }
  return steps;
}

describe('the e2e rate', () => {
  test('when no --rate is given, then it is a tenth of the hello-world rate, rounded to 10', () => {
    expect(e2eRate(8877)).toBe(890);
    expect(e2eRate(2045)).toBe(200);
    expect(e2eRate(2451)).toBe(250);
    expect(e2eRate(40)).toBe(10);
  });

  test('when --rate is given, then it wins; a nonsense rate does not', () => {
    expect(e2eRate(8877, 500)).toBe(500);
    expect(e2eRate(8877, Number.NaN)).toBe(890);
    expect(e2eRate(8877, 0)).toBe(890);
    expect(e2eRate(8877, -5)).toBe(890);
  });

  test('when a rate is rounded, then it lands on the grid of 10 and never below 10', () => {
    expect(roundRate(894)).toBe(890);
    expect(roundRate(895)).toBe(900);
    expect(roundRate(3)).toBe(10);
  });
});

describe('the knee search', () => {
  test.each([
    [500, 1234],
    [500, 5000],
    [890, 2600],
    [200, 210],
    [1000, 450],
    [1000, 1000],
  ])('when it starts at %i and the service holds up to %i, then the knee is within 10 % below it, in at most 12 steps', (start, capacity) => {
    const steps = search(start, capacity);
    const knee = kneeOf(steps);
    expect(steps.length).toBeLessThanOrEqual(12);
    expect(knee).toBeLessThanOrEqual(capacity);
    expect(knee).toBeGreaterThanOrEqual(Math.floor(capacity / 1.1));
  });

  test('when the search is bracketed, then every step above the best held rate is at most 10 % above it', () => {
    const steps = search(500, 1234);
    const firstFail = steps.findIndex((s) => !s.held);
    for (let i = firstFail + 1; i < steps.length; i++) {
      const best = Math.max(...steps.slice(0, i).filter((s) => s.held).map((s) => s.rate));
      expect(steps[i].rate).toBeLessThanOrEqual(best * 1.1);
      expect(steps[i].rate).toBeGreaterThan(best);
    }
  });

  test('when nothing is held down to the smallest rate, then the search stops with a knee of 0', () => {
    const steps = search(500, 0);
    expect(kneeOf(steps)).toBe(0);
    expect(steps.at(-1)!.rate).toBeGreaterThanOrEqual(10);
    expect(steps.length).toBeLessThanOrEqual(12);
  });

  test('when the service holds every rate, then the search still ends after 12 steps', () => {
    const steps = search(100, Number.POSITIVE_INFINITY);
    expect(steps).toHaveLength(12);
    expect(kneeOf(steps)).toBe(steps.at(-1)!.rate);
  });

  test('when the rates are small, then the fine steps are still at most 10 % (whole requests, not tens)', () => {
    const steps = search(90, 33);
    expect(kneeOf(steps)).toBeGreaterThanOrEqual(30);
    expect(steps.map((s) => s.rate)).toEqual([90, 64, 46, 33, 36]);
  });

  test('when the first rate is 1 and held, then the coarse step still moves up', () => {
    expect(nextKneeRate([{ rate: 1, held: true, p99Ms: 5, sent: 10, answered: 10 }], 1)).toBe(2);
  });
});
