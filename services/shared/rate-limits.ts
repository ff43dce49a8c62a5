import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config/config';
import { AppError } from './app-error';
import type { RedisConnection } from './redis';

/**
 * Every rate limit of the service, held in Redis so that it holds across gateway processes.
 * Failure-counting limits (`loginFailures`, `keyFailures`) charge every attempt before it is
 * tried and refund it when it succeeded, so that parallel attempts cannot overrun them.
 * While Redis cannot be reached, each limit falls back to the same limit kept in this process's
 * memory (rate-limiter-flexible's insurance limiter): weaker across processes, never none.
 */
export class RateLimits {
  readonly loginFailures: RateLimiterRedis;
  readonly keyFailures: RateLimiterRedis;
  readonly statusChecks: RateLimiterRedis;
  readonly registrations: RateLimiterRedis;
  readonly resendActivation: RateLimiterRedis;

  constructor(redis: RedisConnection, prefix: string, limits: Config['rateLimits']) {
    const make = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:rl:${name}`,
        points,
        duration,
        useRedisPackage: false,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:rl:${name}`, points, duration }),
      });
    this.loginFailures = make('login', limits.loginFailures, 15 * 60);
    this.keyFailures = make('access-key', limits.keyFailures, 15 * 60);
    this.statusChecks = make('status-check', limits.statusChecks, 60);
    this.registrations = make('register', limits.registrations, 60 * 60);
    this.resendActivation = make('resend', 5, 60 * 60);
  }
}

/** Consumes one point; throws 429 when that goes over the limit. */
export async function consumeOrThrow(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw AppError.tooManyRequests(error.msBeforeNext / 1000);
    throw error;
  }
}
