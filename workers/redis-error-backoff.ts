import type { Worker } from 'bullmq';
import { ReplyError } from 'ioredis';
import type { ThrottledLog } from '../services/shared/throttled-log';

/** What backing off needs of a BullMQ worker (whatever jobs it carries). */
type PausableWorker = Pick<Worker, 'pause' | 'resume' | 'closing'> & {
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
};

/** How long a worker rests after Redis refused a command: doubling from the first to the last. */
export interface BackoffSettings {
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this long without an error, the next one starts from the first delay again. */
  quietMs: number;
}

export const WORKER_BACKOFF: BackoffSettings = { firstDelayMs: 1000, maxDelayMs: 30_000, quietMs: 60_000 };

/** The rest after the `failures`-th refusal in a row (1-based), with ±25 % jitter. */
export function backoffDelay(failures: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const base = Math.min(settings.firstDelayMs * 2 ** Math.max(0, failures - 1), settings.maxDelayMs);
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Makes a worker back off while Redis refuses its commands. BullMQ retries a failed fetch at
 * once when the error is not a lost connection (CROSSSLOT, MOVED, READONLY, OOM, a missing
 * command), so without this a worker spins at full CPU. Here each refusal pauses the worker
 * (its jobs in flight go on) and resumes it after a growing delay; a lost connection only
 * logs, as BullMQ already waits for the connection to come back. Refusals go to `logs.refused`,
 * everything else to `logs.other`, each writing one line per interval (a refusal is news even
 * right after a lost connection was logged). Returns a function that stops the backing off.
 */
export function backOffOnRedisErrors(
  worker: PausableWorker,
  logs: { refused: ThrottledLog; other: ThrottledLog },
  settings: BackoffSettings = WORKER_BACKOFF,
): () => void {
  let failures = 0;
  let lastErrorAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const onError = (error: Error) => {
    const refused = error instanceof ReplyError;
    (refused ? logs.refused : logs.other).report(error);
    if (!refused || stopped || timer) return;
    const now = Date.now();
    failures = now - lastErrorAt > settings.quietMs ? 1 : failures + 1;
    lastErrorAt = now;
    void worker.pause(true);
    timer = setTimeout(() => {
      timer = null;
      if (!stopped && !worker.closing) void worker.resume();
    }, backoffDelay(failures, settings));
  };
  worker.on('error', onError);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    worker.off('error', onError);
  };
}
