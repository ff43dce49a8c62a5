import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from '../../entities/outbox-event.entity';
import type { AnyJob } from '../queue/jobs';
import type { Db } from '../shared/database';

/** An unpublished event as the relay reads it back: its id and the job it records. */
export interface PendingEvent {
  id: OutboxEvent['id'];
  job: AnyJob;
}

/** Writes one outbox row for `job` inside the caller's transaction; returns its id. */
export async function insertOutboxEvent(manager: EntityManager, job: AnyJob): Promise<string> {
  const rows: Array<Pick<OutboxEvent, 'id'>> = await manager.query(`INSERT INTO outbox_events (job_name, payload) VALUES ($1, $2) RETURNING id`, [job.name, job.data]);
  return rows[0].id;
}

/** Marks events published (their jobs are on the queues). */
export async function markOutboxEventsPublished(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
}

/**
 * Locks up to `limit` events still unpublished `graceMs` after they were written, oldest first,
 * inside the caller's transaction; rows another relay holds are skipped (SKIP LOCKED).
 */
export async function lockUnpublishedOutboxEvents(manager: EntityManager, graceMs: number, limit: number): Promise<PendingEvent[]> {
  const rows: Array<Pick<OutboxEvent, 'id' | 'jobName' | 'payload'>> = await manager.query(
    `SELECT id, job_name AS "jobName", payload FROM outbox_events
      WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
      ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [graceMs, limit],
  );
  // The name and payload were written by insertOutboxEvent from one typed AnyJob: reading them back restores the pair.
  return rows.map((row) => ({ id: row.id, job: { name: row.jobName, data: row.payload } as AnyJob }));
}

/** True when a consumer already finished this event (for effects without a unique key). */
export async function isOutboxEventProcessed(db: Db, id: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM outbox_events WHERE id = $1 AND processed_at IS NOT NULL`, [id]);
  return rows.length > 0;
}

/** Records that a consumer finished this event. */
export async function markOutboxEventProcessed(db: Db, id: string): Promise<void> {
  await db.query(`UPDATE outbox_events SET processed_at = now() WHERE id = $1`, [id]);
}
