import type { DataSource, EntityManager } from 'typeorm';
import type { AnyJob } from '../queue/jobs';
import type { QueueProducer } from '../queue/queue.producer';
import { logger } from '../shared/logger';
import type { RelaySource } from './relay';

/** An event recorded in a transaction, to be published once that transaction commits. */
export interface RecordedEvent {
  id: string;
  job: AnyJob;
}

/** Records an event in the caller's transaction (the outbox row); returns its id. */
export type Emit = (job: AnyJob) => Promise<string>;

/**
 * The transactional outbox: an act and the events it causes are committed together; the events
 * are published to BullMQ right after commit, and the relay publishes whatever that missed.
 */
export class Outbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
  ) {}

  /** Runs `work` in one transaction with an `emit` for its events, then publishes them. */
  async transaction<T>(work: (manager: EntityManager, emit: Emit) => Promise<T>): Promise<T> {
    const recorded: RecordedEvent[] = [];
    const result = await this.dataSource.transaction(async (manager) =>
      work(manager, async (job) => {
        const event = await this.record(manager, job);
        recorded.push(event);
        return event.id;
      }),
    );
    await this.publish(recorded);
    return result;
  }

  /** Writes one outbox row inside the given transaction. */
  async record(manager: EntityManager, job: AnyJob): Promise<RecordedEvent> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO outbox_events (job_name, payload) VALUES ($1, $2) RETURNING id`,
      [job.name, job.data],
    );
    return { id: rows[0].id, job };
  }

  /** Publishes committed events; a failure (Redis down) is logged and left to the relay. */
  async publish(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await Promise.all(events.map((e) => this.producer.enqueue(e.job, e.id)));
      await this.dataSource.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::uuid[])`, [
        events.map((e) => e.id),
      ]);
    } catch (error) {
      logger.warn({ err: error, events: events.map((e) => e.id) }, 'outbox publish failed; the relay will retry');
    }
  }

  /**
   * Publishes rows still unpublished after `graceMs` (the process died between commit and
   * publish, or Redis was down). Rows are locked while published, so several relays can run.
   */
  async relayOnce(graceMs: number, batch = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; job_name: string; payload: unknown }> = await manager.query(
        `SELECT id, job_name, payload FROM outbox_events
          WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [graceMs, batch],
      );
      // The job name was written by record() from a typed AnyJob: reading it back restores the pair.
      await this.producer.enqueueAll(rows.map((row) => ({ job: { name: row.job_name, data: row.payload } as AnyJob, jobId: row.id })));
      if (rows.length > 0) {
        await manager.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::uuid[])`, [
          rows.map((r) => r.id),
        ]);
      }
      return rows.length;
    });
  }

  /** The outbox as a source for the relay loop: rows left unpublished for `graceMs`. */
  relaySource(graceMs: number): RelaySource {
    return { name: 'outbox', relayOnce: () => this.relayOnce(graceMs) };
  }

  /** True when a consumer already finished this event (for effects without a unique key). */
  async isProcessed(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM outbox_events WHERE id = $1 AND processed_at IS NOT NULL`,
      [eventId],
    );
    return rows.length > 0;
  }

  async markProcessed(eventId: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbox_events SET processed_at = now() WHERE id = $1`, [eventId]);
  }
}
