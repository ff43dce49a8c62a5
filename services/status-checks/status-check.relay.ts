import type { DataSource } from 'typeorm';
import type { QueueProducer } from '../queue/queue.producer';
import { logger } from '../shared/logger';

/**
 * Queues status checks still `queued` after `graceMs`: the gateway recorded them but could not
 * enqueue (Redis down, process died). The row is the outbox; the job id is the row id, so a
 * request whose job is still in the queue is not queued twice, and the worker is idempotent.
 */
export async function relayStatusChecksOnce(dataSource: DataSource, producer: QueueProducer, graceMs: number, batch = 500): Promise<number> {
  const rows: Array<{ id: string }> = await dataSource.query(
    `SELECT id FROM status_checks
      WHERE status = 'queued' AND requested_at < now() - make_interval(secs => $1::float8 / 1000)
      ORDER BY requested_at LIMIT $2`,
    [graceMs, batch],
  );
  await producer.enqueueBulk(
    'status-check',
    rows.map((r) => ({ name: 'status-check.answer' as const, data: { statusCheckId: r.id }, jobId: r.id })),
  );
  return rows.length;
}

/** Runs the status-check relay every `intervalMs` until stopped; returns the stop function. */
export function startStatusCheckRelay(dataSource: DataSource, producer: QueueProducer, intervalMs: number, graceMs = Math.max(intervalMs, 2000)): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = relayStatusChecksOnce(dataSource, producer, graceMs).catch((error) =>
      logger.warn({ err: error }, 'status-check relay failed; will try again'),
    );
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
