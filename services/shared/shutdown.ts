import { logger } from './logger';

/**
 * Runs `stop` once on SIGTERM or SIGINT (in-flight work finishes), then exits. A second signal,
 * or a stop that takes longer than `graceMs`, exits at once.
 */
export function onShutdown(stop: () => Promise<void>, graceMs = 30_000): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs).unref();
    stop()
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
