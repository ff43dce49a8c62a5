import type { LiveInbox, LiveMessage } from '../inbox/inbox.service';
import { EventStream } from '../http/event-stream';
import type { InboxEvent, InboxEventSubscriber } from '../shared/inbox-events';
import { logger } from '../shared/logger';
import { liveStreamsOpen } from '../shared/metrics';

/**
 * The live streams of one gateway process: one Redis subscription for the process, fanned out
 * to the open streams of each user. An event is loaded once per user (not per stream), and the
 * events of one user are handled in order.
 */
export class LiveEventHub {
  private readonly streams = new Map<string, Set<EventStream>>();
  private readonly queues = new Map<string, Promise<void>>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly subscriber: InboxEventSubscriber,
    private readonly inbox: LiveInbox,
    private readonly heartbeatMs: number,
  ) {}

  /**
   * Opens a stream of the user's inbox events on `stream`: first, with `lastEventId`, the
   * still-unread messages after that one (oldest first), then the unread count, then live ones.
   */
  async open(userId: string, stream: EventStream, lastEventId: string | undefined): Promise<void> {
    this.start();
    // Registered before the catch-up is read, and queued behind it: nothing falls in between.
    this.add(userId, stream);
    await this.enqueue(userId, async () => {
      const missed = lastEventId ? await this.inbox.unreadAfter(userId, lastEventId) : [];
      for (const m of missed) sendMessage(stream, m);
      stream.send({ event: 'unread', data: { unread: await this.inbox.unread(userId) } });
    });
  }

  /** Number of open streams in this process. */
  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  /** Ends every stream and the subscription (the server is shutting down). */
  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const set of this.streams.values()) for (const s of set) s.close();
    this.streams.clear();
    this.subscriber.close();
  }

  private start(): void {
    if (this.heartbeat) return;
    this.subscriber.start((event) => this.onEvent(event));
    this.heartbeat = setInterval(() => {
      for (const set of this.streams.values()) for (const s of set) s.comment('ping');
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private add(userId: string, stream: EventStream): void {
    const set = this.streams.get(userId) ?? new Set();
    set.add(stream);
    this.streams.set(userId, set);
    liveStreamsOpen.inc();
    stream.onClose(() => {
      liveStreamsOpen.dec();
      set.delete(stream);
      if (set.size === 0 && this.streams.get(userId) === set) this.streams.delete(userId);
    });
  }

  private onEvent(event: InboxEvent): void {
    if (!this.streams.has(event.userId)) return; // nobody of that user listens here: no query
    void this.enqueue(event.userId, async () => {
      const targets = this.streams.get(event.userId);
      if (!targets) return;
      const [message, unread] = await Promise.all([this.inbox.message(event.userId, event.messageId), this.inbox.unread(event.userId)]);
      for (const s of targets) {
        if (message) sendMessage(s, message);
        s.send({ event: 'unread', data: { unread } });
      }
    });
  }

  /** Runs `task` after the user's earlier ones; a failure is logged, and the queue goes on. */
  private enqueue(userId: string, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(userId) ?? Promise.resolve())
      .then(task)
      .catch((error: unknown) => logger.warn({ err: error, userId }, 'live event not sent'));
    this.queues.set(userId, next);
    void next.then(() => {
      if (this.queues.get(userId) === next) this.queues.delete(userId);
    });
    return next;
  }
}

function sendMessage(stream: EventStream, m: LiveMessage): void {
  stream.send({ event: 'message', id: m.id, data: m });
}
