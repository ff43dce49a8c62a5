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
