import type { DataSource } from 'typeorm';
import type { Message } from '../../entities/message.entity';
import { AppError } from '../shared/app-error';
import type { ReadReplicas } from '../shared/read-replicas';
import type { MessageView } from './inbox.schemas';
import { countUnread, findOwnMessage, findOwnMessageHeadline, listMessages, listUnreadAfter, markMessageRead, type InboxPage, type MessageHeadline } from './message.repository';

/** Reading the contact inbox: a citizen sees only their own messages. */
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: ReadReplicas,
  ) {}

  /**
   * A page of the citizen's messages, newest first, with the totals. Read from a replica: no
   * caller lists right after its own write (a message page marks read after the header's count).
   */
  async list(userId: string, page: InboxPage) {
    return this.reads.read(async (db) => {
      const [items, total] = await listMessages(db, userId, page);
      const unread = await countUnread(db, userId);
      return { items: items.map(toMessageView), total, unread };
    });
  }

  /** One message of the citizen's; someone else's answers as a missing one. */
  async get(userId: string, id: string): Promise<MessageView> {
    const message = await findOwnMessage(this.dataSource, userId, id);
    if (!message) throw AppError.notFound('Nie ma takiej wiadomości.');
    return toMessageView(message);
  }

  /** Marks a message read (the first reading time is kept). */
  async markRead(userId: string, id: string): Promise<void> {
    if (!(await markMessageRead(this.dataSource, userId, id))) throw AppError.notFound('Nie ma takiej wiadomości.');
  }
}

/** How many missed messages a reconnecting live stream is sent at most. */
const CATCH_UP_LIMIT = 100;

/** What a live stream sends of a message: the contract's four fields and, for status answers, the request's id. */
export interface LiveMessage {
  id: string;
  kind: Message['kind'];
  subject: string;
  createdAt: string;
  requestId?: string;
}

/** The live side of the inbox: what the gateways' event streams send. */
export class LiveInbox {
  constructor(private readonly dataSource: DataSource) {}

  /** One of the citizen's messages as a stream sends it, or null (gone, or someone else's). */
  async message(userId: string, messageId: string): Promise<LiveMessage | null> {
    const m = await findOwnMessageHeadline(this.dataSource, userId, messageId);
    return m ? toLiveMessage(m) : null;
  }

  /** The citizen's still-unread messages after the given one, oldest first; none for an id that is not theirs. */
  async unreadAfter(userId: string, lastMessageId: string): Promise<LiveMessage[]> {
    if (!UUID.test(lastMessageId)) return [];
    return (await listUnreadAfter(this.dataSource, userId, lastMessageId, CATCH_UP_LIMIT)).map(toLiveMessage);
  }

  /** How many of the citizen's messages are unread. */
  unread(userId: string): Promise<number> {
    return countUnread(this.dataSource, userId);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toLiveMessage(m: MessageHeadline): LiveMessage {
  const requestId = m.data?.requestId;
  return {
    id: m.id,
    kind: m.kind,
    subject: m.subject,
    createdAt: new Date(m.createdAt).toISOString(),
    ...(m.kind === 'case_status' && typeof requestId === 'string' ? { requestId } : {}),
  };
}

/** The contract's view of a message. */
export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    kind: m.kind,
    subject: m.subject,
    bodyText: m.bodyText,
    bodyHtml: m.bodyHtml,
    data: m.data,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt ? m.readAt.toISOString() : null,
  };
}
