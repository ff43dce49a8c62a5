import { backoffDelay, WORKER_BACKOFF } from '../../../workers/redis-error-backoff';

describe('backoffDelay', () => {
  const middle = () => 0.5;

  test('when refusals follow each other, then the rest doubles from the first delay up to the last', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, WORKER_BACKOFF, middle))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  test('when jitter is drawn, then the rest stays within a quarter either side', () => {
    expect(backoffDelay(3, WORKER_BACKOFF, () => 0)).toBe(3000);
    expect(backoffDelay(3, WORKER_BACKOFF, () => 0.999999)).toBe(5000);
  });

  test('when the count is 0 or below, then the first delay applies', () => {
    expect(backoffDelay(0, WORKER_BACKOFF, middle)).toBe(1000);
    expect(backoffDelay(-3, WORKER_BACKOFF, middle)).toBe(1000);
  });
});
