import { RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../shared/app-error';
import type { RateLimits } from '../shared/rate-limits';

/** The longest a login has to wait between tries, however many failed before. */
export const LOGIN_DELAY_CAP_SECONDS = 60;

/**
 * The limits on password guessing, charged before the password is checked (so parallel guesses
 * cannot overrun them) and refunded when it was right:
 *
 * - per client address (`RATE_LIMIT_LOGIN_ADDRESS` failures per 15 minutes): one source spraying
 *   many logins is stopped, whichever logins it tries;
 * - per login, `RATE_LIMIT_LOGIN_FAILURES` failures per 15 minutes go as they come; after that
 *   every further try must wait 1 s, 2 s, 4 s … (at most 60 s) after the one before.
 *
 * Why a growing delay and not a 15-minute lock-out: a login is often public (staff logins follow
 * names), and a lock-out let anyone shut a known person out of the service for good by sending
 * ten wrong passwords every quarter of an hour. With the delay the person waits a minute at most,
 * while a guesser still gets only a few dozen tries per 15 minutes per login (a password of 12+
 * characters outside the common list is not guessed at that pace), and no more than the address
 * limit from any one address.
 */
export class LoginThrottle {
  constructor(private readonly limits: RateLimits) {}

  /** Charges one attempt to the address and the login; throws 429 (Retry-After) when it must wait. */
  async charge(login: string, ip: string): Promise<void> {
    await this.consumeAddress(ip);
    try {
      await this.limits.loginFailures.consume(login);
      return;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await this.waitedLongEnough(login, ip, error.consumedPoints - this.limits.loginFailures.points);
    }
  }

  /** The password was right: the attempt is refunded (an account that is not active keeps its count otherwise). */
  async refund(login: string, ip: string): Promise<void> {
    await Promise.all([this.limits.loginFailures.reward(login, 1), this.limits.loginAddress.reward(ip, 1)]);
  }

  /** A login went through: the login's failures are forgotten, the address gets its attempt back. */
  async succeeded(login: string, ip: string): Promise<void> {
    await Promise.all([this.limits.loginFailures.delete(login), this.limits.loginDelay.delete(login), this.limits.loginAddress.reward(ip, 1)]);
  }

  private async consumeAddress(ip: string): Promise<void> {
    try {
      await this.limits.loginAddress.consume(ip);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw AppError.tooManyRequests(error.msBeforeNext / 1000, 'Zbyt wiele nieudanych logowań z tego adresu. Spróbuj ponownie później.');
      throw error;
    }
  }

  /**
   * The `over`-th try past the free allowance goes ahead only when the login's delay slot is free,
   * and then holds it for 2^(over−1) seconds (at most the cap). One atomic consume per try, so of
   * parallel tries one goes and the others wait. A refused try is not counted at all.
   */
  private async waitedLongEnough(login: string, ip: string, over: number): Promise<void> {
    const delay = Math.min(2 ** Math.max(0, over - 1), LOGIN_DELAY_CAP_SECONDS);
    try {
      await this.limits.loginDelay.consume(login, 1, { customDuration: delay });
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await this.refund(login, ip);
      throw AppError.tooManyRequests(error.msBeforeNext / 1000, 'Zbyt wiele nieudanych prób logowania na to konto. Odczekaj chwilę i spróbuj ponownie.');
    }
  }
}
