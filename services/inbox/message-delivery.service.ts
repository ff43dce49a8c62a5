import type { EntityManager } from 'typeorm';
import type { MessageKind } from '../../entities/message.entity';
import type { Emit } from '../outbox/outbox.service';
import type { Rendered } from '../shared/templates';

export interface DeliverMessage {
  userId: string;
  kind: MessageKind;
  /** Unique per event: a retried job that delivers again writes nothing. */
  eventKey: string;
  rendered: Rendered;
  data: Record<string, unknown>;
  /**
   * Throttle the "new message" e-mail: at most one per citizen in this many minutes
   * (status answers). Undefined: every message sends one.
   */
  mailThrottleMinutes?: number;
}

/**
 * Puts a message in a citizen's inbox exactly once (by its event key) and, in the same
 * transaction, records the "new message" e-mail when the citizen wants one. Returns the
 * message id, or null when this event had already been delivered.
 */
export async function deliverMessage(manager: EntityManager, emit: Emit, m: DeliverMessage): Promise<string | null> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO messages (user_id, kind, subject, body_text, body_html, data, event_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    [m.userId, m.kind, m.rendered.subject, m.rendered.text, m.rendered.html, m.data, m.eventKey],
  );
  if (rows.length === 0) return null;
  const messageId = rows[0].id;
  if (await shouldMail(manager, m.userId, m.mailThrottleMinutes)) {
    await emit({ name: 'mail.new-message', data: { messageId } });
  }
  return messageId;
}

async function shouldMail(manager: EntityManager, userId: string, throttleMinutes: number | undefined): Promise<boolean> {
  if (throttleMinutes === undefined) {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM users WHERE id = $1 AND notify_by_email`, [userId]);
    return rows.length > 0;
  }
  // One conditional update: concurrent answers for one citizen cannot both win the slot.
  // TypeORM answers an UPDATE with [rows, affected count], not with the rows themselves.
  const [updated]: [unknown[], number] = await manager.query(
    `UPDATE users SET last_status_mail_at = now()
      WHERE id = $1 AND notify_by_email
        AND (last_status_mail_at IS NULL OR last_status_mail_at <= now() - make_interval(mins => $2))
      RETURNING id`,
    [userId, throttleMinutes],
  );
  return updated.length > 0;
}
