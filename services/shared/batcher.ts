/** What `Batcher` needs: how to run one group, and when to retry a group's items one by one. */
export interface BatcherOptions<T, R> {
  /** Runs one group in one statement; returns one result per item, in order. */
  run(items: T[]): Promise<R[]>;
  /** True when a failed group should be retried item by item (one bad row must not fail its neighbours). */
  retrySingly?(error: unknown): boolean;
  /** Groups in flight at once (a pool of connections can run several). */
  concurrency?: number;
  /** The largest group. */
  maxBatch?: number;
}

/**
 * Natural batching of concurrent calls (a group commit): calls made while earlier groups are
 * in flight wait and go together, in one statement, as soon as a slot is free. An idle service
 * pays one event-loop turn, a busy one pays one round trip and one commit per group instead of
 * per call. Each caller's promise settles only when its own group has finished (committed).
 */
export class Batcher<T, R> {
  private waiting: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly concurrency: number;
  private readonly maxBatch: number;

  constructor(private readonly options: BatcherOptions<T, R>) {
    this.concurrency = options.concurrency ?? 2;
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** Adds one item to the next group; resolves with its result once that group has run. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // One turn of the event loop: the calls of the same turn (requests parsed from one read,
      // jobs fetched together) join the same group even when a slot is free.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.drain();
        });
      }
    });
  }

  private drain(): void {
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.runGroup(group).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private async runGroup(group: Batcher<T, R>['waiting']): Promise<void> {
    try {
      const results = await this.options.run(group.map((g) => g.item));
      group.forEach((g, i) => g.resolve(results[i]));
    } catch (error) {
      if (group.length === 1 || !this.options.retrySingly?.(error)) {
        for (const g of group) g.reject(error);
        return;
      }
      await Promise.all(
        group.map((g) =>
          this.options.run([g.item]).then(
            ([r]) => g.resolve(r),
            (e: unknown) => g.reject(e),
          ),
        ),
      );
    }
  }
}

/**
 * True when PostgreSQL refused the statement itself (a SQLSTATE such as a constraint, a bad value,
 * a trigger's exception, a deadlock): the group was rolled back whole, and its items alone may
 * well succeed. Not for a lost connection, a server shutting down or out of resources (classes
 * 08, 57, 53): those fail the single items too.
 */
export function isStatementError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57|53)/.test(code);
}
