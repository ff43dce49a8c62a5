import type { Connections } from '../shared/connections';
import { accessKeyHash, normaliseAccessKey } from '../cases/access-keys';
import { listDeadlineChanges, listHistorySteps } from '../cases/case-history.repository';
import { findCaseSummaryByNumber, isCaseLinked, linkCaseByKeyHash, listLinkedCaseSummaries, type CaseSummaryRecord } from '../cases/case.repository';
import { CASE_STATUS_LABELS } from '../cases/case-status';
import { toCaseSummary, type CaseSummary } from '../cases/case-summary';
import { pausesOf, type CasePause } from '../cases/case-pauses';
import { AppError } from '../shared/app-error';
import type { Db } from '../shared/database';
import { consumeOrThrow } from '../shared/rate-limits';

type Deps = Pick<Connections, 'dataSource' | 'reads' | 'rateLimits'>;

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
    const linked = await linkCaseByKeyHash(this.deps.dataSource, accessKeyHash(symbols), userId);
    if (!linked) {
      throw new AppError(404, 'key_not_found', 'Nie znaleziono klucza', 'Nie ma ważnego internetowego klucza dostępu o tej wartości.');
    }
    await limiter.reward(userId, 1);
    return { case: toCaseSummary(linked) };
  }

  /** The citizen's cases, newest first (from a replica: a case linked a moment ago may show a moment later). */
  async list(userId: string): Promise<{ items: CaseSummary[] }> {
    const cases = await this.deps.reads.read((db) => listLinkedCaseSummaries(db, userId));
    const now = new Date();
    return { items: cases.map((c) => toCaseSummary(c, now)) };
  }

  /** One of the citizen's cases with its history, oldest first (without who in the office made each step). */
  async get(userId: string, number: string): Promise<CitizenCaseDetail> {
    const record = await linkedCaseSummary(this.deps.dataSource, userId, number);
    const [steps, moves] = await Promise.all([listHistorySteps(this.deps.dataSource, record.id), listDeadlineChanges(this.deps.dataSource, record.id)]);
    const history = steps.map((h) => ({ status: h.status, statusLabel: CASE_STATUS_LABELS[h.status], note: h.note, changedAt: h.changedAt.toISOString() }));
    return {
      ...toCaseSummary(record),
      history,
      pauses: pausesOf(history),
      deadlineChanges: moves.map((m) => ({ dueAt: m.dueAt.toISOString(), reason: m.reason, changedAt: m.changedAt.toISOString() })),
    };
  }
}

/** A citizen's case with the steps of its history. */
export type CitizenCaseDetail = CaseSummary & {
  history: Array<{ status: CaseSummary['status']; statusLabel: string; note: string | null; changedAt: string }>;
  /** When the deadline stopped and why (KPA art. 35 §5). */
  pauses: CasePause[];
  /** The new dates the office set, with their reasons (art. 36). */
  deadlineChanges: Array<{ dueAt: string; reason: string; changedAt: string }>;
};

/** The one answer for someone else's case and for a number that does not exist: nothing to tell them apart. */
export function notYourCase(): AppError {
  return AppError.notFound('Nie ma takiej sprawy wśród Twoich spraw.');
}

/** One of the citizen's cases (the record of its summary); someone else's or an unknown number is notYourCase(). */
export async function linkedCaseSummary(db: Db, userId: string, number: string): Promise<CaseSummaryRecord> {
  const record = await findCaseSummaryByNumber(db, number);
  if (!record || !(await isCaseLinked(db, record.id, userId))) throw notYourCase();
  return record;
}
