/**
 * How BullMQ notices a worker that died (kill -9, a lost machine) and what becomes of its jobs.
 * A job's lock is renewed every `lockDuration / 2`; once the lock is gone, the next stalled
 * check (every `stalledInterval`, by any worker of the queue) puts the job back to wait. So a
 * dead worker's jobs run again within `lockDuration + stalledInterval` (15 s), not BullMQ's
 * default 60 s.
 *
 * Every handler is idempotent (a unique key per effect), so a stalled job run again, or a job
 * whose lock lapsed while it was still running (an event loop blocked for 10 s), does no harm.
 * BullMQ's default `maxStalledCount` of 1 fails a job for good the second time its worker
 * dies, without using its attempts, and a status check then stays unanswered: the drill of
 * test/integration/faults/worker-kill.test.ts kills workers twice under the same jobs. A job
 * that stalls more often than this is taken to be killing its workers and is failed.
 */
export const WORKER_STALL_SETTINGS = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
} as const;

/**
 * A job that found PostgreSQL (or another server it needs) unreachable, shutting down or
 * read-only waits this long and runs again without using up one of its attempts: an outage
 * of any length neither burns a job's retries nor fails it for good, and it runs within
 * seconds of the server's return instead of after an exponential backoff grown long.
 */
export const DEPENDENCY_RETRY_DELAY_MS = 5_000;
