import type { DataSource } from 'typeorm';
import { renderMessage } from '../inbox/message-templates';
import type { Outbox } from '../outbox/outbox.service';
import { statusAnswerLatency } from '../shared/metrics';
import { PAGES } from '../shared/page-paths';
import { PermanentFailure } from '../shared/permanent-failure';
import { caseStatusData } from './status-check-answer';
import { Batcher, isStatementError } from '../shared/batcher';
import { failQueuedStatusCheck, loadStatusCheckAnswers, writeStatusAnswers, type StatusAnswer, type StatusCheckAnswerSource, type WrittenAnswer } from './status-check.repository';

/** Answers to "Sprawdź stan sprawy" send the "new message" e-mail at most once per citizen in this time. */
export const STATUS_MAIL_THROTTLE_MINUTES = 15;

/**
 * The worker's half of "Sprawdź stan sprawy": the answer, as a `case_status` message in the
 * citizen's inbox. One read, then one atomic statement that writes the message (unique event
 * key), records the throttled "new message" e-mail and marks the request delivered, so whatever
 * retries or redeliveries happen, each request gets exactly one message. This is the
 * benchmarked path: the reads and the writes of the jobs a worker runs at once are grouped
 * (measured: per job, the round trips and commits cost more than the queries), so a busy worker
 * runs two statements per group of jobs, an idle one two per job as before.
 */
export class StatusCheckAnswerService {
  private readonly accessKeyUrl: string;
  private readonly reads: Batcher<string, StatusCheckAnswerSource | null>;
  private readonly writes: Batcher<StatusAnswer, WrittenAnswer>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    publicUrl: string,
  ) {
    this.accessKeyUrl = `${publicUrl}${PAGES.accessKey}`;
    this.reads = new Batcher({ run: (ids) => loadStatusCheckAnswers(dataSource, ids), concurrency: 2, maxBatch: 200 });
    this.writes = new Batcher({
      run: (answers) => writeStatusAnswers(dataSource, answers, STATUS_MAIL_THROTTLE_MINUTES),
      // One refused answer, or a deadlock between two groups (two worker processes locking the
      // same citizens in another order), must not fail its neighbours: they go one at a time.
      retrySingly: isStatementError,
      concurrency: 2,
      maxBatch: 200,
    });
  }

  /** Answers one status check; false when there was nothing (left) to answer. */
  async answer(statusCheckId: string): Promise<boolean> {
    const source = await this.reads.add(statusCheckId);
    if (!source || source.request.status !== 'queued') return false;
    const data = caseStatusData(source);
    let rendered;
    try {
      rendered = renderMessage('case_status', { ...data, accessKeyUrl: this.accessKeyUrl });
    } catch (error) {
      // A template that cannot render this answer will not render it on a retry either.
      throw new PermanentFailure(`case_status template: ${(error as Error).message}`);
    }
    const written = await this.writes.add({ statusCheckId, userId: source.request.userId, rendered, data });
    if (!written) return false;
    statusAnswerLatency.observe((Date.now() - source.request.requestedAt.getTime()) / 1000);
    // Committed (one statement): now the live streams may hear of it, with one PUBLISH.
    await Promise.all([
      written.mailEvent ? this.outbox.publish([written.mailEvent]) : undefined,
      this.outbox.announce([{ userId: source.request.userId, messageId: written.messageId }]),
    ]);
    return true;
  }

  /** After the last attempt: the request is marked `failed` (its citizen sees it in GET). */
  async markFailed(statusCheckId: string): Promise<void> {
    await failQueuedStatusCheck(this.dataSource, statusCheckId);
  }
}

