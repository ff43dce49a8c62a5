import { randomUUID } from 'node:crypto';
import type { Connections } from '../shared/connections';
import { normaliseCaseNumber, parseCaseNumber } from '../cases/case-number';
import { AppError } from '../shared/app-error';
import { logger } from '../shared/logger';
import { consumeOrThrow } from '../shared/rate-limits';
import type { StatusCheckAccepted, StatusCheckView } from './status-check.schemas';
import { Batcher, isStatementError } from '../shared/batcher';
import { findOwnStatusCheck, insertStatusChecks } from './status-check.repository';

/** A repeated press within this many seconds is the same request (same id, not counted). */
export const STATUS_CHECK_DEDUPE_SECONDS = 10;

type Deps = Pick<Connections, 'dataSource' | 'redis' | 'producer' | 'rateLimits'>;

/** 400 `invalid_case_number`. */
export function invalidCaseNumber(): AppError {
  return new AppError(400, 'invalid_case_number', 'Niepoprawny znak sprawy', 'Znak sprawy ma postać SYMBOL.KLASA.NUMER.ROK, np. GN.6840.12.2026.');
}

/**
 * "Sprawdź stan sprawy" on the gateway side: the benchmarked hot path. It answers the same for
 * any well-formed number (no lookup of the case here: the worker decides what the citizen may
 * see), records the request (the row is its own outbox) and queues its answer.
 */
export class StatusCheckService {
  /**
   * The inserts of concurrent requests, grouped (measured: one INSERT and commit per request was
   * the gateway's largest PostgreSQL cost). A request still gets its 202 only after its own row
   * is committed; a row the database refuses fails alone.
   */
  private readonly inserts: Batcher<Parameters<typeof insertStatusChecks>[1][number], undefined>;

  constructor(private readonly deps: Deps) {
    this.inserts = new Batcher({
      run: async (rows) => {
        await insertStatusChecks(deps.dataSource, rows);
        return rows.map(() => undefined);
      },
      retrySingly: isStatementError,
      // Two groups in flight: one fills while the other commits.
      concurrency: 2,
    });
  }

  /** Records and queues a status check; a repeat within the dedupe window returns the first. */
  async request(userId: string, typed: string): Promise<StatusCheckAccepted> {
    const caseNumber = normaliseCaseNumber(typed);
    if (!parseCaseNumber(caseNumber)) throw invalidCaseNumber();
    const requestedAt = new Date();
    const fresh: StatusCheckAccepted = { id: randomUUID(), caseNumber, status: 'queued', requestedAt: requestedAt.toISOString() };
    const dedupeKey = `${this.deps.producer.prefix}:status-dedupe:${userId}:${caseNumber}`;

    // The dedupe claim and the limit go out together (one round trip on the auto-pipelined
    // connection, not two in a row); a repeat then gives its point back, as it never counts.
    const limiter = this.deps.rateLimits.statusChecks;
    const [claim, limit] = await Promise.allSettled([this.claim(dedupeKey, fresh), consumeOrThrow(limiter, userId)]);
    // Redis down (the claim failed): answering is worth more than dedupe and the limit; the relay queues it later.
    const redisUp = claim.status === 'fulfilled';
    if (claim.status === 'rejected') logger.warn({ err: claim.reason }, 'status-check dedupe unavailable; accepting without it');
    else if (claim.value) {
      // Refused or not, the consume counted the point (rate-limiter-flexible counts past the limit too).
      await limiter.reward(userId).catch(() => undefined);
      return claim.value;
    }
    try {
      if (redisUp && limit.status === 'rejected') throw limit.reason;
      await this.inserts.add({ id: fresh.id, userId, caseNumber, requestedAt });
    } catch (error) {
      // Not recorded: a repeat must not be answered with this id.
      if (redisUp) await this.deps.redis.del(dedupeKey).catch(() => undefined);
      throw error;
    }
    try {
      await this.deps.producer.enqueue({ name: 'status-check.answer', data: { statusCheckId: fresh.id } }, fresh.id);
    } catch (error) {
      logger.warn({ err: error, statusCheckId: fresh.id }, 'status-check enqueue failed; the relay will queue it');
    }
    return fresh;
  }

  /** One of the citizen's own status checks; anyone else's answers as a missing one. */
  async get(userId: string, id: string): Promise<StatusCheckView> {
    const r = await findOwnStatusCheck(this.deps.dataSource, userId, id);
    if (!r) throw AppError.notFound('Nie ma takiego zapytania o stan sprawy.');
    return {
      id: r.id,
      caseNumber: r.caseNumber,
      status: r.status,
      requestedAt: r.requestedAt.toISOString(),
      deliveredAt: r.deliveredAt ? r.deliveredAt.toISOString() : null,
      messageId: r.messageId,
    };
  }

  /**
   * Claims the dedupe window for this request in one round trip (SET NX GET): returns the
   * earlier request's answer when there is one, else null (this request is new).
   */
  private async claim(key: string, fresh: StatusCheckAccepted): Promise<StatusCheckAccepted | null> {
    const earlier = (await this.deps.redis.call('SET', key, `${fresh.id} ${fresh.requestedAt}`, 'NX', 'EX', STATUS_CHECK_DEDUPE_SECONDS, 'GET')) as string | null;
    if (!earlier) return null;
    const [id, requestedAt] = earlier.split(' ');
    return { id, caseNumber: fresh.caseNumber, status: 'queued', requestedAt };
  }
}
