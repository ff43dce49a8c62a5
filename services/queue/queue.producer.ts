import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, QUEUE_NAMES, type AnyJob, type QueueName } from './jobs';

/** The producer side of every queue: the one way in (`enqueue`). */
export class QueueProducer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    private readonly connection: Redis,
    /** Prefix of every Redis key of this service (BullMQ's and ours). */
    readonly prefix: string,
  ) {
    this.queues = new Map(
      QUEUE_NAMES.map((name) => [
        name,
        new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
      ]),
    );
  }

  /** Enqueues a job; `jobId` makes a repeated publish of the same event a no-op. */
  async enqueue(job: AnyJob, jobId: string): Promise<void> {
    this.assertConnected();
    await this.queue(JOB_QUEUE[job.name]).add(job.name, job.data, { jobId });
  }

  /** Enqueues many jobs of one queue in one round trip. */
  async enqueueBulk(queue: QueueName, jobs: Array<AnyJob & { jobId: string }>): Promise<void> {
    if (jobs.length === 0) return;
    this.assertConnected();
    await this.queue(queue).addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })));
  }

  /**
   * Fails at once while Redis is not connected. BullMQ waits for a connection that has never
   * been ready (the process started during an outage) until it is, so without this an HTTP
   * request would hang after its commit instead of leaving the event to the outbox relay.
   */
  private assertConnected(): void {
    if (this.connection.status !== 'ready') throw new Error(`Redis is not connected (${this.connection.status})`);
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
