import { logger } from '../shared/logger';

/**
 * Something that holds committed events a publish may have missed (the process died between
 * commit and publish, or Redis was down): `relayOnce` publishes what is waiting and says how many.
 */
export interface RelaySource {
  name: string;
  relayOnce(): Promise<number>;
}

/**
 * The one relay loop: every `intervalMs` it asks each source in turn to publish what is waiting.
 * A failing source (Redis or PostgreSQL away) is logged and asked again next time; the others
 * go on. Returns the stop function, which waits for the round in progress.
 */
export function startRelay(sources: readonly RelaySource[], intervalMs: number): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const round = async () => {
    for (const source of sources) {
      if (stopped) return;
      try {
        const count = await source.relayOnce();
        if (count > 0) logger.info({ relay: source.name, count }, 'relay published events');
      } catch (error) {
        logger.warn({ err: error, relay: source.name }, 'relay failed; will try again');
      }
    }
  };
  const timer = setInterval(() => {
    // One round at a time: while a slow round (a large backlog) runs, ticks are skipped, not queued.
    if (busy) return;
    busy = true;
    running = round().finally(() => {
      busy = false;
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
