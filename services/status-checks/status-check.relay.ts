import type { DataSource } from 'typeorm';
import type { RelaySource } from '../outbox/relay';
import type { QueueProducer } from '../queue/queue.producer';

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
  await producer.enqueueAll(rows.map((r) => ({ job: { name: 'status-check.answer', data: { statusCheckId: r.id } }, jobId: r.id })));
  return rows.length;
}

/** The status checks as a source for the relay loop. */
export function statusCheckRelaySource(dataSource: DataSource, producer: QueueProducer, graceMs: number): RelaySource {
  return { name: 'status-checks', relayOnce: () => relayStatusChecksOnce(dataSource, producer, graceMs) };
}
