import { Worker } from 'bullmq';
import { REDIS_CLOSE_TIMEOUT_MS } from '../services/shared/bounded-close';
import { resolvesWithin } from '../services/shared/resolves-within';

/**
 * How long a worker's close waits for the jobs it holds to finish (and for BullMQ's blocking
 * wait for the next job to end) before it is forced. A job it leaves unfinished stalls and
 * runs again elsewhere (handlers are idempotent; see WORKER_STALL_SETTINGS).
 */
export const WORKER_CLOSE_GRACE_MS = 10_000;

/**
 * A BullMQ Worker whose close ends in bounded time.
 *
 * `close()` can wait forever on a Redis Cluster after a master died (measured with BullMQ 6.7
 * and ioredis 5.11): the worker's BZPOPMIN, sent to the dead master, sits in ioredis's
 * failover retry; close() disconnects the blocking connection, and the retried command lands
 * in the Cluster's offline queue after that queue was flushed, so it never settles. When
 * BullMQ's watchdog gives up on it (block timeout + 1 s), it "resets" the blocking connection
 * and waits for it to be ready again, but the Cluster has gone from `end` back to `close`
 * (its node pool reports "drained" once per node) and emits neither `ready` nor `end` again.
 * The fetch loop never ends, and close() waits for it.
 */
export class BoundedWorker<DataType, ResultType, NameType extends string> extends Worker<DataType, ResultType, NameType> {
  /**
   * Closes as `close()` does (jobs in flight finish), within `graceMs`; past that, stops
   * renewing the locks of the jobs still held and drops the worker's own connections, which
   * is what `close()` would have done after its wait. Resolves to how it ended.
   */
  async closeWithin(graceMs = WORKER_CLOSE_GRACE_MS): Promise<'closed' | 'forced'> {
    if (await resolvesWithin(this.close(), graceMs)) return 'closed';
    await this.lockManager.close();
    await resolvesWithin(this.getBackend().close(true), REDIS_CLOSE_TIMEOUT_MS);
    return 'forced';
  }
}
