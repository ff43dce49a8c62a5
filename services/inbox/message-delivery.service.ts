import type { EntityManager } from 'typeorm';
import type { MessageKind } from '../../entities/message.entity';
import type { Emit } from '../outbox/outbox.service';
import type { Rendered } from '../shared/templates';
import { claimStatusMailSlot, wantsEmail } from '../accounts/user.repository';
import { insertMessageOnce } from './message.repository';

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
 * transaction, records the "new message" e-mail when the citizen wants one; the live streams
 * hear of it once the transaction commits. Returns the
 * message id, or null when this event had already been delivered.
 */
export async function deliverMessage(manager: EntityManager, emit: Emit, m: DeliverMessage): Promise<string | null> {
  const messageId = await insertMessageOnce(manager, {
    userId: m.userId,
    kind: m.kind,
    subject: m.rendered.subject,
    bodyText: m.rendered.text,
    bodyHtml: m.rendered.html,
    data: m.data,
    eventKey: m.eventKey,
  });
  if (!messageId) return null;
  emit.announce({ userId: m.userId, messageId });
  if (await shouldMail(manager, m.userId, m.mailThrottleMinutes)) {
    await emit({ name: 'mail.new-message', data: { messageId } });
  }
  return messageId;
}

async function shouldMail(manager: EntityManager, userId: string, throttleMinutes: number | undefined): Promise<boolean> {
  return throttleMinutes === undefined ? wantsEmail(manager, userId) : claimStatusMailSlot(manager, userId, throttleMinutes);
}
