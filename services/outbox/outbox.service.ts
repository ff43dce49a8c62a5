import type { DataSource, EntityManager } from 'typeorm';
import type { AnyJob } from '../queue/jobs';
import type { QueueProducer } from '../queue/queue.producer';
import type { InboxEvent, InboxEventPublisher } from '../shared/inbox-events';
import { logger } from '../shared/logger';
import { insertOutboxEvent, isOutboxEventProcessed, lockUnpublishedOutboxEvents, markOutboxEventProcessed, markOutboxEventsPublished } from './outbox-event.repository';
import type { RelaySource } from './relay';

/** An event recorded in a transaction, to be published once that transaction commits. */
export interface RecordedEvent {
  id: string;
  job: AnyJob;
}

/**
 * Records an event in the caller's transaction (the outbox row); returns its id. `announce`
 * queues an inbox event for the live streams, published only once the transaction commits (a
 * rolled-back message is never announced).
 */
export interface Emit {
  (job: AnyJob): Promise<string>;
  announce(event: InboxEvent): void;
}

/**
 * The transactional outbox: an act and the events it causes are committed together; the events
 * are published to BullMQ right after commit, and the relay publishes whatever that missed.
 */
export class Outbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    private readonly inboxEvents: InboxEventPublisher,
  ) {}

  /** Runs `work` in one transaction with an `emit` for its events, then publishes them and its announcements. */
  async transaction<T>(work: (manager: EntityManager, emit: Emit) => Promise<T>): Promise<T> {
    const recorded: RecordedEvent[] = [];
    const announced: InboxEvent[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const emit = Object.assign(
        async (job: AnyJob) => {
          const event = await this.record(manager, job);
          recorded.push(event);
          return event.id;
        },
        { announce: (event: InboxEvent) => void announced.push(event) },
      );
      return work(manager, emit);
    });
    await Promise.all([this.publish(recorded), this.announce(announced)]);
    return result;
  }

  /** Announces committed inbox messages to the live streams (best-effort, never throws). */
  announce(events: readonly InboxEvent[]): Promise<void> {
    return this.inboxEvents.publish(events);
  }

  /** Writes one outbox row inside the given transaction. */
  async record(manager: EntityManager, job: AnyJob): Promise<RecordedEvent> {
    return { id: await insertOutboxEvent(manager, job), job };
  }

  /** Publishes committed events; a failure (Redis down) is logged and left to the relay. */
  async publish(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await Promise.all(events.map((e) => this.producer.enqueue(e.job, e.id)));
      await markOutboxEventsPublished(this.dataSource, events.map((e) => e.id));
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
      const pending = await lockUnpublishedOutboxEvents(manager, graceMs, batch);
      await this.producer.enqueueAll(pending.map((e) => ({ job: e.job, jobId: e.id })));
      await markOutboxEventsPublished(manager, pending.map((e) => e.id));
      return pending.length;
    });
  }

  /** The outbox as a source for the relay loop: rows left unpublished for `graceMs`. */
  relaySource(graceMs: number): RelaySource {
    return { name: 'outbox', relayOnce: () => this.relayOnce(graceMs) };
  }

  /** True when a consumer already finished this event (for effects without a unique key). */
  isProcessed(eventId: string): Promise<boolean> {
    return isOutboxEventProcessed(this.dataSource, eventId);
  }

  markProcessed(eventId: string): Promise<void> {
    return markOutboxEventProcessed(this.dataSource, eventId);
  }
}
