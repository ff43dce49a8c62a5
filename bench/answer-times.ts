import type { RedisConnection } from '../services/shared/redis';

/** The status-check job's hash field that BullMQ stamps when the worker has finished the job. */
const FINISHED_ON = 'finishedOn';

/**
 * When each request's answer was committed, end to end as the contract counts it: from the
 * moment the bench sent the request (this process's clock) to the `finishedOn` that the worker
 * stamped on the request's status-check job (its id is the request's id), which comes after
 * the job's answer was committed (the same machine, the same clock). An upper bound by the
 * worker's few microseconds between its commit and that stamp; never an understatement.
 *
 * Read while the load runs, every `pollMs`: the queue keeps only its newest completed jobs
 * (DEFAULT_JOB_OPTIONS.removeOnComplete), fewer than a long knee step sends.
 */
export class AnswerTimes {
  private readonly sentAt = new Map<string, number>();
  private readonly latency = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  /** `jobKeyPrefix`: the status-check queue's job keys without the id (`<queue prefix>:status-check:`). */
  constructor(
    private readonly redis: RedisConnection,
    private readonly jobKeyPrefix: string,
    private readonly pollMs = 200,
  ) {}

  /** Follows one accepted request, sent at `sentAtMs` (Date.now()). */
  track(id: string, sentAtMs: number): void {
    // A deduplicated repeat has the first one's id: its answer is the first one's.
    if (!this.sentAt.has(id) && !this.latency.has(id)) this.sentAt.set(id, sentAtMs);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.polling = this.polling.then(() => this.poll()).catch(() => undefined);
    }, this.pollMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The end-to-end latencies (ms) of these requests, sorted, once all are answered or `timeoutMs` has passed (the rest are missing). */
  async of(ids: readonly string[], timeoutMs: number): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    while (ids.some((id) => !this.latency.has(id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    return ids.flatMap((id) => (this.latency.has(id) ? [this.latency.get(id)!] : [])).sort((a, b) => a - b);
  }

  /** The latency of one request, if answered yet. */
  latencyOf(id: string): number | undefined {
    return this.latency.get(id);
  }

  private async poll(): Promise<void> {
    const ids = [...this.sentAt.keys()];
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const pipeline = this.redis.pipeline();
      for (const id of chunk) pipeline.hget(`${this.jobKeyPrefix}${id}`, FINISHED_ON);
      const replies = (await pipeline.exec()) ?? [];
      chunk.forEach((id, k) => {
        const finishedOn = Number(replies[k]?.[1]);
        if (!Number.isFinite(finishedOn) || finishedOn <= 0) return;
        this.latency.set(id, finishedOn - this.sentAt.get(id)!);
        this.sentAt.delete(id);
      });
    }
  }
}
