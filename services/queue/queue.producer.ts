import { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, QUEUE_NAMES, type AnyJob, type JobNameOf, type JobOutcome, type JobPayloads, type QueueName } from './jobs';
import { logger } from '../shared/logger';
import type { RedisConnection } from '../shared/redis';
import { ThrottledLog } from '../shared/throttled-log';

/** A BullMQ queue typed by the jobs it carries. */
export type TypedQueue<Q extends QueueName> = Queue<JobPayloads[JobNameOf<Q>], JobOutcome, JobNameOf<Q>>;

/** A job to put on its queue, with the id that makes a repeated publish of the same event a no-op. */
export interface QueuedJob {
  job: AnyJob;
  jobId: string;
}

/** The producer side of every queue: the one way in (`enqueue`, or `enqueueAll` for many). */
export class QueueProducer {
  private readonly queues: { [Q in QueueName]: TypedQueue<Q> };

  constructor(
    private readonly connection: RedisConnection,
    /** Prefix of the service's own Redis keys (QUEUE_PREFIX as given). */
    readonly prefix: string,
    /** BullMQ's prefix: the same, or hash-tagged on a Redis Cluster (see `redisKeyspace`). */
    readonly queuePrefix: string = prefix,
  ) {
    // Without a listener, every connection error of every queue goes to the console; one line per interval instead.
    const errors = new ThrottledLog(10_000, (error, heldBack) => logger.warn({ err: error, heldBack }, 'queue Redis connection error'));
    const open = <Q extends QueueName>(name: Q): TypedQueue<Q> => {
      const queue: TypedQueue<Q> = new Queue(name, { connection, prefix: queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', (error) => errors.report(error));
      return queue;
    };
    this.queues = { mail: open('mail'), inbox: open('inbox'), 'status-check': open('status-check'), deadline: open('deadline') };
  }

  /** Enqueues a job on the queue its name belongs to; `jobId` makes a repeat a no-op. */
  async enqueue(job: AnyJob, jobId: string): Promise<void> {
    this.assertConnected();
    await (this.queues[JOB_QUEUE[job.name]] as Queue).add(job.name, job.data, { jobId });
  }

  /** Enqueues many jobs, one round trip per queue they belong to. */
  async enqueueAll(jobs: readonly QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    this.assertConnected();
    const byQueue = new Map<QueueName, QueuedJob[]>();
    for (const queued of jobs) {
      const name = JOB_QUEUE[queued.job.name];
      byQueue.set(name, [...(byQueue.get(name) ?? []), queued]);
    }
    await Promise.all(
      [...byQueue].map(([name, batch]) =>
        // The union of payloads is checked by AnyJob; BullMQ's per-queue typing cannot see the pairing.
        (this.queues[name] as Queue).addBulk(batch.map(({ job, jobId }) => ({ name: job.name, data: job.data, opts: { jobId } }))),
      ),
    );
  }

  /**
   * Creates or updates a BullMQ job scheduler that puts `job` on its queue at every tick of the
   * cron `pattern` in time zone `tz`. The scheduler lives in Redis under `schedulerId`: every
   * process may upsert it, and each tick still makes one job.
   */
  async upsertScheduler(schedulerId: string, repeat: { pattern: string; tz: string }, job: AnyJob): Promise<void> {
    this.assertConnected();
    await (this.queues[JOB_QUEUE[job.name]] as Queue).upsertJobScheduler(schedulerId, repeat, { name: job.name, data: job.data, opts: DEFAULT_JOB_OPTIONS });
  }

  /**
   * Fails at once while Redis is not connected. BullMQ waits for a connection that has never
   * been ready (the process started during an outage) until it is, so without this an HTTP
   * request would hang after its commit instead of leaving the event to the outbox relay.
   */
  private assertConnected(): void {
    if (this.connection.status !== 'ready') throw new Error(`Redis is not connected (${this.connection.status})`);
  }

  /** One queue, typed by its jobs (for dashboards, metrics and tests). */
  queue<Q extends QueueName>(name: Q): TypedQueue<Q> {
    return this.queues[name];
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.queues[name] as Queue);
  }

  /**
   * Closes the queues; the connection is the caller's (`closeRedis`). A Queue on a connection it
   * was given sends nothing to Redis when it closes, so this cannot wait on a node that died.
   */
  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
