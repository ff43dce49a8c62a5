import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { config } from '../../config/config';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, QUEUE_NAMES, type AnyJob, type QueueName } from './jobs';

/** The producer side of every queue: the one way in (`enqueue`). */
export class QueueProducer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    connection: Redis,
    /** Prefix of every Redis key of this service (BullMQ's and ours). */
    readonly prefix = config().queuePrefix,
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
    await this.queue(JOB_QUEUE[job.name]).add(job.name, job.data, { jobId });
  }

  /** Enqueues many jobs of one queue in one round trip. */
  async enqueueBulk(queue: QueueName, jobs: Array<AnyJob & { jobId: string }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(queue).addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })));
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
