import type { EntityManager } from 'typeorm';
import { Message } from '../../entities/message.entity';
import type { Db } from '../shared/database';

/** A new message; its event key makes a second write of the same event write nothing. */
export type NewMessage = Pick<Message, 'userId' | 'kind' | 'subject' | 'bodyText' | 'bodyHtml' | 'data' | 'eventKey'>;

/** Which page of a citizen's inbox, optionally only read or only unread messages. */
export interface InboxPage {
  limit: number;
  offset: number;
  unread?: boolean;
}

/** Inserts a message once per event key; returns its id, or null when that event was already delivered. */
export async function insertMessageOnce(manager: EntityManager, m: NewMessage): Promise<string | null> {
  const rows: Array<Pick<Message, 'id'>> = await manager.query(
    `INSERT INTO messages (user_id, kind, subject, body_text, body_html, data, event_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    [m.userId, m.kind, m.subject, m.bodyText, m.bodyHtml, m.data, m.eventKey],
  );
  return rows[0]?.id ?? null;
}

/** True when a message of this event key exists. */
export async function messageExists(db: Db, eventKey: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM messages WHERE event_key = $1`, [eventKey]);
  return rows.length > 0;
}

/** A page of the citizen's messages, newest first, with the total of the filter. */
export function listMessages(db: Db, userId: string, page: InboxPage): Promise<[Message[], number]> {
  const query = db.getRepository(Message).createQueryBuilder('m').where('m.user_id = :userId', { userId });
  if (page.unread !== undefined) query.andWhere(page.unread ? 'm.read_at IS NULL' : 'm.read_at IS NOT NULL');
  return query.orderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC').take(page.limit).skip(page.offset).getManyAndCount();
}

/** How many of the citizen's messages are unread. */
export function countUnread(db: Db, userId: string): Promise<number> {
  return db.getRepository(Message).createQueryBuilder('m').where('m.user_id = :userId AND m.read_at IS NULL', { userId }).getCount();
}

/** One of the citizen's messages, or null (someone else's is null too). */
export function findOwnMessage(db: Db, userId: string, id: string): Promise<Message | null> {
  return db.getRepository(Message).findOne({ where: { id, userId } });
}

/** The citizen a message was written to, or null. */
export function findMessageRecipient(db: Db, id: string): Promise<Pick<Message, 'id' | 'userId'> | null> {
  return db.getRepository(Message).findOne({ where: { id }, select: { id: true, userId: true } });
}

/** Marks one of the citizen's messages read (the first reading time is kept); false when there is none. */
export async function markMessageRead(db: Db, userId: string, id: string): Promise<boolean> {
  // TypeORM answers an UPDATE with [rows, affected count], not with the rows themselves.
  const [, affected]: [unknown[], number] = await db.query(`UPDATE messages SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2`, [
    id,
    userId,
  ]);
  return affected > 0;
}

/** Which of these event keys already have their message (one query, on the unique index). */
export async function existingEventKeys(db: Db, eventKeys: readonly string[]): Promise<Set<string>> {
  if (eventKeys.length === 0) return new Set();
  const rows: Array<Pick<Message, 'eventKey'>> = await db.query(`SELECT event_key AS "eventKey" FROM messages WHERE event_key = ANY($1::text[])`, [eventKeys]);
  return new Set(rows.map((r) => r.eventKey));
}

/** What a live stream tells of a message: no body, only what a list shows. */
export type MessageHeadline = Pick<Message, 'id' | 'kind' | 'subject' | 'createdAt' | 'data'>;

const HEADLINE = `id, kind, subject, created_at AS "createdAt", data`;

/** The headline of one of the citizen's messages, or null (someone else's is null too). */
export async function findOwnMessageHeadline(db: Db, userId: string, id: string): Promise<MessageHeadline | null> {
  const rows: MessageHeadline[] = await db.query(`SELECT ${HEADLINE} FROM messages WHERE id = $1 AND user_id = $2`, [id, userId]);
  return rows[0] ?? null;
}

/**
 * The citizen's unread messages written after the given one of theirs, oldest first (what a
 * reconnecting live stream missed); empty when that message is not theirs.
 */
export async function listUnreadAfter(db: Db, userId: string, afterId: string, limit: number): Promise<MessageHeadline[]> {
  return db.query(
    `SELECT ${HEADLINE} FROM messages m
      WHERE m.user_id = $1 AND m.read_at IS NULL
        AND (m.created_at, m.id) > (SELECT created_at, id FROM messages WHERE id = $2 AND user_id = $1)
      ORDER BY m.created_at, m.id LIMIT $3`,
    [userId, afterId, limit],
  );
}
