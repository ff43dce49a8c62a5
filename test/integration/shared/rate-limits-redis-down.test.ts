import { Redis } from 'ioredis';
import { consumeOrThrow, RateLimits } from '../../../services/shared/rate-limits';
import { AppError } from '../../../services/shared/app-error';

// A Redis client configured like the gateway's (fail fast, no offline queue), on a port where nobody listens.
const dead = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 300, retryStrategy: () => 1000, lazyConnect: true });
dead.on('error', () => undefined);
afterAll(() => dead.disconnect());

describe('rate limits while Redis is down', () => {
  test('when Redis cannot be reached, then the limit still holds, in this process\'s memory', async () => {
    const limits = new RateLimits(dead, 'rl-test', { loginFailures: 3, keyFailures: 5, statusChecks: 30, registrations: 20 });
    for (let i = 0; i < 3; i++) await consumeOrThrow(limits.loginFailures, 'jan.kowalski');
    const fourth = await consumeOrThrow(limits.loginFailures, 'jan.kowalski').then(() => null, (error: unknown) => error);
    expect(fourth).toBeInstanceOf(AppError);
    expect((fourth as AppError).status).toBe(429);
    // Another key has its own allowance.
    await expect(consumeOrThrow(limits.loginFailures, 'anna.nowak')).resolves.toBeUndefined();
  });
});
