import { closeRedis } from './bounded-close';
import { logger } from './logger';
import type { RedisConnection } from './redis';

/** What the gateways hear when a message lands in an inbox: ids only, never its content. */
export interface InboxEvent {
  userId: string;
  messageId: string;
}

/** The one pub/sub channel of the service's inbox events (under the queue prefix). */
export function inboxEventsChannel(prefix: string): string {
  return `${prefix}:inbox-events`;
}

/**
 * Announces committed inbox messages on Redis pub/sub, for the gateways' live streams.
 * Best-effort: the message is in the database whatever happens here, and a client that
 * reconnects catches up from there, so a failed publish is logged and nothing else.
 */
export class InboxEventPublisher {
  private readonly channel: string;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string,
  ) {
    this.channel = inboxEventsChannel(prefix);
  }

  /** One PUBLISH per event; never throws. */
  async publish(events: readonly InboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await Promise.all(events.map((e) => this.redis.publish(this.channel, JSON.stringify({ userId: e.userId, messageId: e.messageId }))));
    } catch (error) {
      logger.warn({ err: error, messages: events.map((e) => e.messageId) }, 'inbox event publish failed; clients catch up when they reconnect');
    }
  }
}

/** Parses one channel payload; null for anything that is not an inbox event. */
export function parseInboxEvent(payload: string): InboxEvent | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null) return null;
    const { userId, messageId } = value as Record<string, unknown>;
    return typeof userId === 'string' && typeof messageId === 'string' ? { userId, messageId } : null;
  } catch {
    return null;
  }
}

/**
 * The gateway process's one subscriber connection to the inbox-events channel, connected
 * when the first listener needs it. A consumer-style connection: it waits out a Redis restart
 * and ioredis subscribes again by itself.
 */
export class InboxEventSubscriber {
  private redis: RedisConnection | null = null;

  constructor(
    private readonly connect: () => RedisConnection,
    private readonly prefix: string,
  ) {}

  /** Subscribes (once) and calls `listener` for every event. */
  start(listener: (event: InboxEvent) => void): void {
    if (this.redis) return;
    const channel = inboxEventsChannel(this.prefix);
    const redis = this.connect();
    redis.on('error', (error: Error) => logger.warn({ err: error }, 'inbox events subscriber: Redis error'));
    redis.on('message', (from: string, payload: string) => {
      const event = from === channel ? parseInboxEvent(payload) : null;
      if (event) listener(event);
    });
    redis.subscribe(channel).catch((error: unknown) => logger.warn({ err: error }, 'inbox events: subscribe failed'));
    this.redis = redis;
  }

  close(): void {
    if (this.redis) void closeRedis(this.redis);
    this.redis = null;
  }
}
