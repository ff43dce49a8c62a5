import { randomUUID } from 'node:crypto';
import { logger } from '../shared/logger';
import type { RedisConnection } from '../shared/redis';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REMEMBER_SECONDS = 24 * 3600;
/** How long a repeat waits for the first sending of the same form to finish. */
const PENDING_WAIT_MS = 5_000;
const PENDING_POLL_MS = 100;

/** A fresh id for a one-shot form about to be shown (its hidden field `formId`). */
export function newFormId(): string {
  return randomUUID();
}

/** What a one-shot form's id says when it is sent. */
type OneShotClaim = { fresh: true } | { fresh: false; result: string | null };

/** The outcome of a one-shot form: its act done now, or what an earlier sending did (null: still running). */
export type OneShotOutcome<T> = { done: true; value: T } | { done: false; result: string | null };

/**
 * One-shot forms: forms whose act must not happen twice when the browser sends them again (a
 * reload of the page that shows a new case's access key would open a second case; of a new key,
 * would kill the key just handed over). Each such form carries a random id; the first POST
 * claims it in Redis, a later one learns what the first did. The ids are kept for a day.
 */
export class OneShotForms {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  /**
   * Runs `act` for the form `id` unless an earlier sending of it already did (or is doing) it.
   * A failed act gives the id back (the corrected form is sent with the same id); a done one
   * never does, even if recording its result (`resultOf`, e.g. the case number) fails.
   */
  async run<T>(id: unknown, act: () => Promise<T>, resultOf: (value: T) => string): Promise<OneShotOutcome<T>> {
    const claim = await this.claim(id);
    if (!claim.fresh) return { done: false, result: claim.result };
    let value: T;
    try {
      value = await act();
    } catch (error) {
      await this.release(id);
      throw error;
    }
    await this.done(id, resultOf(value)).catch((error) => logger.warn({ err: error }, 'one-shot form result not recorded'));
    return { done: true, value };
  }

  /**
   * Claims `id` for this POST; a missing or malformed id counts as fresh (nothing to compare
   * with). When the same form is still being handled (a double click), waits a little for its
   * outcome: its result, or its release after a failure (then this one goes ahead).
   */
  private async claim(id: unknown): Promise<OneShotClaim> {
    if (typeof id !== 'string' || !UUID.test(id)) return { fresh: true };
    for (let waited = 0; ; waited += PENDING_POLL_MS) {
      let earlier: string | null;
      try {
        earlier = (await this.redis.call('SET', this.key(id), '', 'NX', 'EX', REMEMBER_SECONDS, 'GET')) as string | null;
      } catch {
        // Redis down: the form goes ahead (a repeat is not caught meanwhile) rather than failing.
        return { fresh: true };
      }
      if (earlier === null) return { fresh: true };
      if (earlier !== '' || waited >= PENDING_WAIT_MS) return { fresh: false, result: earlier || null };
      await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS));
    }
  }

  /** Records what the claimed form did (e.g. the case number), for a repeat to show. */
  private async done(id: unknown, result: string): Promise<void> {
    if (typeof id === 'string' && UUID.test(id)) await this.redis.set(this.key(id), result, 'EX', REMEMBER_SECONDS).catch(() => undefined);
  }

  /** Gives the id back after the act failed (the corrected form is sent with the same id). */
  private async release(id: unknown): Promise<void> {
    if (typeof id === 'string' && UUID.test(id)) await this.redis.del(this.key(id)).catch(() => undefined);
  }

  // The key's old name stays: claims made before a deploy must still be found after it.
  private key(id: string): string {
    return `${this.prefix}:web-once:${id}`;
  }
}
