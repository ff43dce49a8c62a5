import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../services/context';
import { assertMailTemplates } from '../services/mail/mail-templates';
import { Mailer } from '../services/mail/mailer';
import { assertMessageTemplates, MESSAGE_TEMPLATE_KINDS } from '../services/inbox/message-templates';
import { startRelay } from '../services/outbox/relay';
import { statusCheckRelaySource } from '../services/status-checks/status-check.relay';
import { DEPENDENCY_RETRY_DELAY_MS, WORKER_STALL_SETTINGS } from '../services/queue/worker-settings';
import { isDependencyUnavailable } from '../services/shared/unavailable';
import { JOB_QUEUE, QUEUE_NAMES, type JobName, type JobNameOf, type JobOutcome, type JobPayloads, type QueueName } from '../services/queue/jobs';
import { logger } from '../services/shared/logger';
import { PermanentFailure } from '../services/shared/permanent-failure';
import { jobDuration } from '../services/shared/metrics';
import { closeRedis } from '../services/shared/bounded-close';
import { createRedis } from '../services/shared/redis';
import { ThrottledLog } from '../services/shared/throttled-log';
import { scheduleDeadlineScans } from './deadline-schedule';
import { BoundedWorker } from './bounded-worker';
import { backOffOnRedisErrors } from './redis-error-backoff';
import type { JobHandler, JobInput, WorkerContext } from './job-handler.types';
import { assertHandlersComplete, GIVE_UP_HANDLERS, JOB_HANDLERS } from './job-handler.registry';

/** Workers write at most one line per this interval for errors that repeat. */
const ERROR_LOG_INTERVAL_MS = 10_000;

export interface RunningWorkers {
  queues: QueueName[];
  /** Stops taking jobs, lets the ones in flight finish, then closes connections. */
  close(): Promise<void>;
}

/** Which queues this process works, from `WORKER_QUEUES` (default: all); unknown names stop it. */
export function selectedQueues(names: readonly string[] | undefined): QueueName[] {
  if (!names || names.length === 0) return [...QUEUE_NAMES];
  const unknown = names.filter((n) => !(QUEUE_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`WORKER_QUEUES: unknown queue ${unknown.join(', ')} (known: ${QUEUE_NAMES.join(', ')})`);
  return names as QueueName[];
}

/** Starts one BullMQ worker per selected queue, plus the outbox relay and, with the deadline queue, its scheduler. */
export async function startWorkers(
  ctx: AppContext,
  options: { queues?: QueueName[]; concurrency?: number; relay?: boolean; mailer?: Mailer } = {},
): Promise<RunningWorkers> {
  assertHandlersComplete();
  assertMailTemplates();
  assertMessageTemplates(MESSAGE_TEMPLATE_KINDS);
  const queues = options.queues ?? selectedQueues(ctx.config.worker.queues);
  const concurrency = options.concurrency ?? ctx.config.worker.concurrency;
  const mailer = options.mailer ?? new Mailer(ctx.config.smtpUrl, ctx.config.mailFrom);
  const workerCtx: WorkerContext = { ...ctx, mailer };
  const connection = createRedis(ctx.config.redis, 'consumer', 'worker');
  // One line per interval for each kind of trouble, however fast it repeats.
  const connectionErrors = new ThrottledLog(ERROR_LOG_INTERVAL_MS, (error, heldBack) => logger.warn({ err: error, heldBack }, 'worker Redis connection error'));
  connection.on('error', (error) => connectionErrors.report(error));
  const workerErrors = {
    refused: new ThrottledLog(ERROR_LOG_INTERVAL_MS, (error, heldBack) => logger.error({ err: error, heldBack }, 'Redis refused a worker command; the workers back off')),
    other: new ThrottledLog(ERROR_LOG_INTERVAL_MS, (error, heldBack) => logger.warn({ err: error, heldBack }, 'worker error')),
  };

  const stopBackoffs: Array<() => void> = [];
  const workers = queues.map(<Q extends QueueName>(queue: Q) => {
    const worker = new BoundedWorker<JobPayloads[JobNameOf<Q>], JobOutcome, JobNameOf<Q>>(queue, (job, token) => runJob(queue, job, workerCtx, token), {
      ...WORKER_STALL_SETTINGS,
      connection,
      prefix: ctx.producer.queuePrefix,
      concurrency: queue === 'mail' ? Math.min(concurrency, 10) : concurrency,
    });
    worker.on('failed', (job, error) => {
      logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed');
      if (job && isFinalFailure(job, error)) void giveUp(job, workerCtx);
    });
    stopBackoffs.push(backOffOnRedisErrors(worker, workerErrors));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // The processes that run scans keep their schedule: in Redis, so one job per tick for all of them.
  if (queues.includes('deadline')) await scheduleDeadlineScans(ctx);
  const interval = ctx.config.outboxRelayIntervalMs;
  const stopRelay =
    options.relay === false
      ? async () => undefined
      : startRelay([ctx.outbox.relaySource(interval), statusCheckRelaySource(ctx.dataSource, ctx.producer, Math.max(interval, 2000))], interval);
  logger.info({ queues, concurrency }, 'workers started');

  return {
    queues,
    async close() {
      await stopRelay();
      for (const stop of stopBackoffs) stop();
      const ended = await Promise.all(workers.map((w) => w.closeWithin()));
      if (ended.includes('forced')) logger.warn({ forced: ended.filter((e) => e === 'forced').length }, 'workers did not close in time; their connections were dropped');
      await closeRedis(connection);
      mailer.close();
    },
  };
}

async function runJob(queue: QueueName, job: Job<JobPayloads[JobName], JobOutcome, JobName>, ctx: WorkerContext, token?: string): Promise<JobOutcome> {
  const { name } = job;
  const handler = JOB_HANDLERS[name] as JobHandler<JobName> | undefined;
  if (!handler || JOB_QUEUE[name] !== queue) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${queue}`);
  const end = jobDuration.startTimer({ queue, job: name });
  try {
    const outcome = await handler({ id: String(job.id), name, data: job.data }, ctx);
    end({ outcome });
    return outcome;
  } catch (error) {
    end({ outcome: 'failed' });
    // The domain's word for "retrying cannot help" becomes BullMQ's: no further attempts.
    if (error instanceof PermanentFailure) throw new UnrecoverableError(error.message);
    if (token && isDependencyUnavailable(error)) {
      warnUnavailable({ queue, job: name, jobId: job.id, err: error });
      await job.moveToDelayed(Date.now() + DEPENDENCY_RETRY_DELAY_MS, token);
      throw new DelayedError();
    }
    throw error;
  }
}

let lastUnavailableWarning = 0;

/** One line per retry interval while a server is away, not one per job. */
function warnUnavailable(details: object): void {
  if (Date.now() - lastUnavailableWarning < DEPENDENCY_RETRY_DELAY_MS) return;
  lastUnavailableWarning = Date.now();
  logger.warn(details, 'a server the jobs need is unavailable; they run again shortly, without using an attempt');
}

/** True when BullMQ will not try this job again: its last attempt, or an unrecoverable error. */
function isFinalFailure(job: Job, error: Error): boolean {
  return error instanceof UnrecoverableError || error?.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** Records that a job was given up on, for the jobs that keep a state a citizen can see. */
async function giveUp(job: Job, ctx: WorkerContext): Promise<void> {
  const handler = GIVE_UP_HANDLERS[job.name as JobName] as ((job: JobInput<JobName>, ctx: WorkerContext) => Promise<void>) | undefined;
  if (!handler) return;
  try {
    await handler({ id: String(job.id), name: job.name as JobName, data: job.data }, ctx);
  } catch (error) {
    logger.error({ err: error, job: job.name, jobId: job.id }, 'could not record a job given up on');
  }
}
