import type { DataSource } from 'typeorm';
import type { Message } from '../../entities/message.entity';
import { AppError } from '../shared/app-error';
import type { MessageView } from './inbox.schemas';
import { countUnread, findOwnMessage, listMessages, markMessageRead, type InboxPage } from './message.repository';

/** Reading the contact inbox: a citizen sees only their own messages. */
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the citizen's messages, newest first, with the totals. */
  async list(userId: string, page: InboxPage) {
    const [items, total] = await listMessages(this.dataSource, userId, page);
    const unread = await countUnread(this.dataSource, userId);
    return { items: items.map(toMessageView), total, unread };
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
