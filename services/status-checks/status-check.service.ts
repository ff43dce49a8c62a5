import { randomUUID } from 'node:crypto';
import type { Connections } from '../shared/connections';
import { normaliseCaseNumber, parseCaseNumber } from '../cases/case-number';
import { AppError } from '../shared/app-error';
import { logger } from '../shared/logger';
import { preparedQuery } from '../shared/prepared-query';
import { consumeOrThrow } from '../shared/rate-limits';
import type { StatusCheckAccepted, StatusCheckView } from './status-check.schemas';

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
  constructor(private readonly deps: Deps) {}

  /** Records and queues a status check; a repeat within the dedupe window returns the first. */
  async request(userId: string, typed: string): Promise<StatusCheckAccepted> {
    const caseNumber = normaliseCaseNumber(typed);
    if (!parseCaseNumber(caseNumber)) throw invalidCaseNumber();
    const requestedAt = new Date();
    const fresh: StatusCheckAccepted = { id: randomUUID(), caseNumber, status: 'queued', requestedAt: requestedAt.toISOString() };
    const dedupeKey = `${this.deps.producer.prefix}:status-dedupe:${userId}:${caseNumber}`;

    let redisUp = true;
    try {
      const earlier = await this.claim(dedupeKey, fresh);
      if (earlier) return earlier;
    } catch (error) {
      // Redis down: answering is worth more than dedupe and the limit; the relay queues it later.
      redisUp = false;
      logger.warn({ err: error }, 'status-check dedupe unavailable; accepting without it');
    }
    try {
      if (redisUp) await consumeOrThrow(this.deps.rateLimits.statusChecks, userId);
      await preparedQuery(this.deps.dataSource, 'status-check-insert', `INSERT INTO status_checks (id, user_id, case_number, requested_at) VALUES ($1, $2, $3, $4)`, [
        fresh.id,
        userId,
        caseNumber,
        requestedAt,
      ]);
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
    const rows: Array<{ id: string; case_number: string; status: StatusCheckView['status']; requested_at: Date; delivered_at: Date | null; message_id: string | null }> =
      await this.deps.dataSource.query(
        `SELECT id, case_number, status, requested_at, delivered_at, message_id FROM status_checks WHERE id = $1 AND user_id = $2`,
        [id, userId],
      );
    if (rows.length === 0) throw AppError.notFound('Nie ma takiego zapytania o stan sprawy.');
    const r = rows[0];
    return {
      id: r.id,
      caseNumber: r.case_number,
      status: r.status,
      requestedAt: r.requested_at.toISOString(),
      deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
      messageId: r.message_id,
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
