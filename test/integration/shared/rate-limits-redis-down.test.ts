import { deadRedis } from '../../support/dead-redis';
import { consumeOrThrow, RateLimits } from '../../../services/shared/rate-limits';
import { AppError } from '../../../services/shared/app-error';

const dead = deadRedis();
afterAll(() => dead.disconnect());

describe('rate limits while Redis is down', () => {
  test('when Redis cannot be reached, then the limit still holds, in this process\'s memory', async () => {
    const limits = new RateLimits(dead, 'rl-test', { loginFailures: 3, keyFailures: 5, statusChecks: 30, registrations: 20, receiptChecks: 2, submissions: 2, passwordResets: 5, loginAddress: 50 });
    for (let i = 0; i < 3; i++) await consumeOrThrow(limits.loginFailures, 'jan.kowalski');
    const fourth = await consumeOrThrow(limits.loginFailures, 'jan.kowalski').then(() => null, (error: unknown) => error);
    expect(fourth).toBeInstanceOf(AppError);
    expect((fourth as AppError).status).toBe(429);
    // Another key has its own allowance.
    await expect(consumeOrThrow(limits.loginFailures, 'anna.nowak')).resolves.toBeUndefined();
  });

  test('when Redis cannot be reached, then receipt checks and submissions are still limited', async () => {
    const limits = new RateLimits(dead, 'rl-test-2', { loginFailures: 3, keyFailures: 5, statusChecks: 30, registrations: 20, receiptChecks: 2, submissions: 2, passwordResets: 5, loginAddress: 50 });
    for (const limiter of [limits.receiptChecks, limits.submissions]) {
      for (let i = 0; i < 2; i++) await consumeOrThrow(limiter, 'key');
      await expect(consumeOrThrow(limiter, 'key')).rejects.toMatchObject({ status: 429, code: 'too_many_requests' });
    }
  });
});
