import { z } from 'zod';
import { MESSAGE_KINDS } from '../../entities/message.entity';

export const messageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(MESSAGE_KINDS),
    subject: z.string(),
    bodyText: z.string(),
    bodyHtml: z.string(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Message' });

export const inboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const inboxResponse = z
  .object({ items: z.array(messageSchema), total: z.number().int(), unread: z.number().int() })
  .meta({ id: 'Inbox' });

export const idParams = z.strictObject({ id: z.uuid('Niepoprawny identyfikator.') });

export type MessageView = z.output<typeof messageSchema>;
