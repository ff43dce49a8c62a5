import type { DataSource } from 'typeorm';
import type { RelaySource } from '../outbox/relay';
import type { QueueProducer } from '../queue/queue.producer';
import { findQueuedStatusChecks } from './status-check.repository';

/**
 * Queues status checks still `queued` after `graceMs`: the gateway recorded them but could not
 * enqueue (Redis down, process died). The row is the outbox; the job id is the row id, so a
 * request whose job is still in the queue is not queued twice, and the worker is idempotent.
 */
export async function relayStatusChecksOnce(dataSource: DataSource, producer: QueueProducer, graceMs: number, batch = 500): Promise<number> {
  const ids = await findQueuedStatusChecks(dataSource, graceMs, batch);
  await producer.enqueueAll(ids.map((id) => ({ job: { name: 'status-check.answer', data: { statusCheckId: id } }, jobId: id })));
  return ids.length;
}

/** The status checks as a source for the relay loop. */
export function statusCheckRelaySource(dataSource: DataSource, producer: QueueProducer, graceMs: number): RelaySource {
  return { name: 'status-checks', relayOnce: () => relayStatusChecksOnce(dataSource, producer, graceMs) };
}
