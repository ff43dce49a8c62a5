import { randomUUID } from 'node:crypto';
import { deliverMessage } from '../../../services/inbox/message-delivery.service';
import type { TestService } from '../../support/test-service';

/** Delivers one `case_status` message to a user as a worker would; returns its id (null if the event was already delivered). */
export function deliver(
  service: TestService,
  userId: string,
  options: { eventKey?: string; subject?: string; mailThrottleMinutes?: number } = {},
): Promise<string | null> {
  const subject = options.subject ?? `Stan sprawy ${randomUUID().slice(0, 8)}`;
  return service.ctx.outbox.transaction((manager, emit) =>
    deliverMessage(manager, emit, {
      userId,
      kind: 'case_status',
      eventKey: options.eventKey ?? `test:${randomUUID()}`,
      rendered: { subject, text: `Treść: ${subject}`, html: `<p>Treść: ${subject}</p>` },
      data: { requestId: randomUUID(), caseNumber: 'GN.6840.12.2026', found: false },
      mailThrottleMinutes: options.mailThrottleMinutes,
    }),
  );
}
