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
  /** Receipt checks per client address per minute (no login: the address is all there is). */
  readonly receiptChecks: RateLimiterRedis;
  /** Submissions and replies per account per hour: each adds an e-mail and work for the office. */
  readonly submissions: RateLimiterRedis;
  /** Password-reset codes per login per hour (`RATE_LIMIT_PASSWORD_RESETS`). */
  readonly passwordResets: RateLimiterRedis;
  /** Address-change codes per account per hour: each e-mails a stranger's address. */
  readonly emailChanges: RateLimiterRedis;
  /** Failed logins per client address (password spraying across many logins). */
  readonly loginAddress: RateLimiterRedis;
  /** One slot per login: held for the growing delay after each failure past the free allowance. */
  readonly loginDelay: RateLimiterRedis;
  /** Wrong second-step codes per account. */
  readonly mfaFailures: RateLimiterRedis;

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
    this.receiptChecks = make('receipt-check', limits.receiptChecks, 60);
    this.submissions = make('submission', limits.submissions, 60 * 60);
    this.passwordResets = make('password-reset', limits.passwordResets, 60 * 60);
    this.emailChanges = make('email-change', 5, 60 * 60);
    this.loginAddress = make('login-address', limits.loginAddress, 15 * 60);
    // Its duration is set per use (customDuration): the delay that attempt earned.
    this.loginDelay = make('login-delay', 1, 1);
    this.mfaFailures = make('mfa', MFA_CODE_FAILURES, 15 * 60);
  }
}

/** Wrong second-step codes an account may send per 15 minutes; the next one is 429. */
export const MFA_CODE_FAILURES = 5;

/** Consumes one point; throws 429 when that goes over the limit. */
export async function consumeOrThrow(limiter: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw AppError.tooManyRequests(error.msBeforeNext / 1000);
    throw error;
  }
}
