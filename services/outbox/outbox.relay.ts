import { logger } from '../shared/logger';
import type { Outbox } from './outbox.service';

/** Runs the outbox relay every `intervalMs` until stopped; returns the stop function. */
export function startOutboxRelay(outbox: Outbox, intervalMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = outbox
      .relayOnce(intervalMs)
      .then((count) => count > 0 && logger.info({ count }, 'outbox relay published events'))
      .catch((error) => logger.warn({ err: error }, 'outbox relay failed; will try again'));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
