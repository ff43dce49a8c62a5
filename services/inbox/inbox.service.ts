import type { DataSource } from 'typeorm';
import { Message } from '../../entities/message.entity';
import { AppError } from '../shared/app-error';
import type { MessageView } from './inbox.schemas';

/** Reading the contact inbox: a citizen sees only their own messages. */
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the citizen's messages, newest first, with the totals. */
  async list(userId: string, page: { limit: number; offset: number; unread?: boolean }) {
    const repo = this.dataSource.getRepository(Message);
    const query = repo.createQueryBuilder('m').where('m.user_id = :userId', { userId });
    if (page.unread !== undefined) query.andWhere(page.unread ? 'm.read_at IS NULL' : 'm.read_at IS NOT NULL');
    const [items, total] = await query
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    const unread = await repo.createQueryBuilder('m').where('m.user_id = :userId AND m.read_at IS NULL', { userId }).getCount();
    return { items: items.map(toMessageView), total, unread };
  }

  /** One message of the citizen's; someone else's answers as a missing one. */
  async get(userId: string, id: string): Promise<MessageView> {
    const message = await this.dataSource.getRepository(Message).findOne({ where: { id, userId } });
    if (!message) throw AppError.notFound('Nie ma takiej wiadomości.');
    return toMessageView(message);
  }

  /** Marks a message read (the first reading time is kept). */
  async markRead(userId: string, id: string): Promise<void> {
    // TypeORM answers an UPDATE with [rows, affected count], not with the rows themselves.
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `UPDATE messages SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    if (affected === 0) throw AppError.notFound('Nie ma takiej wiadomości.');
  }
}

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
