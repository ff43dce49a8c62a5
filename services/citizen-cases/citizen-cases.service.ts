import type { Connections } from '../shared/connections';
import { accessKeyHash, normaliseAccessKey } from '../cases/access-keys';
import { CASE_SUMMARY_SQL, toCaseSummary, type CaseSummary, type CaseSummaryRow } from '../cases/case-summary';
import { AppError } from '../shared/app-error';
import { consumeOrThrow } from '../shared/rate-limits';

type Deps = Pick<Connections, 'dataSource' | 'rateLimits'>;

/** A citizen's own cases: those opened from their submissions and those linked by an access key. */
export class CitizenCasesService {
  constructor(private readonly deps: Deps) {}

  /**
   * Links the case of a live access key to the citizen (entering it again changes nothing).
   * Well-formed keys that match nothing count against the citizen's limit; a match does not
   * clear them, because the limit is about guessing. Each attempt is charged before the lookup
   * and refunded when it matched, so that parallel guesses cannot pass an uncounted limit.
   */
  async linkByKey(userId: string, typed: string): Promise<{ case: CaseSummary }> {
    const symbols = normaliseAccessKey(typed);
    if (!symbols) {
      throw new AppError(400, 'invalid_key', 'Niepoprawny klucz dostępu', 'Internetowy klucz dostępu ma 16 znaków, np. ABCD-EFGH-JKMN-PQRS.');
    }
    const limiter = this.deps.rateLimits.keyFailures;
    await consumeOrThrow(limiter, userId);
    // One statement: find the live key, link its case (idempotently) and read the case.
    const rows: CaseSummaryRow[] = await this.deps.dataSource.query(
      `WITH k AS (SELECT case_id FROM access_keys WHERE key_hash = $1 AND revoked_at IS NULL),
            linked AS (INSERT INTO case_links (case_id, user_id, via) SELECT case_id, $2, 'access_key' FROM k
                       ON CONFLICT (case_id, user_id) DO NOTHING)
       ${CASE_SUMMARY_SQL} WHERE c.id = (SELECT case_id FROM k)`,
      [accessKeyHash(symbols), userId],
    );
    if (rows.length === 0) {
      throw new AppError(404, 'key_not_found', 'Nie znaleziono klucza', 'Nie ma ważnego internetowego klucza dostępu o tej wartości.');
    }
    await limiter.reward(userId, 1);
    return { case: toCaseSummary(rows[0]) };
  }

  /** The citizen's cases, newest first. */
  async list(userId: string): Promise<{ items: CaseSummary[] }> {
    const rows: CaseSummaryRow[] = await this.deps.dataSource.query(
      `${CASE_SUMMARY_SQL} JOIN case_links l ON l.case_id = c.id AND l.user_id = $1
        ORDER BY c.started_at DESC, c.number DESC`,
      [userId],
    );
    const now = new Date();
    return { items: rows.map((r) => toCaseSummary(r, now)) };
  }
}
