import { z } from 'zod';
import { STATUS_CHECK_STATES } from '../../entities/status-check.entity';

/** The case number as typed; trimmed, upper-cased and checked by the service (400 `invalid_case_number`). */
export const statusCheckBody = z.strictObject({
  caseNumber: z.string().meta({ description: 'Znak sprawy, np. GN.6840.12.2026', example: 'GN.6840.12.2026' }),
});

/** The 202 answer: the same whether or not the case exists or is the caller's. */
export const statusCheckAccepted = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    status: z.literal('queued'),
    requestedAt: z.iso.datetime(),
  })
  .meta({ id: 'StatusCheckAccepted' });

export const statusCheckView = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    status: z.enum(STATUS_CHECK_STATES),
    requestedAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    messageId: z.uuid().nullable(),
  })
  .meta({ id: 'StatusCheck' });

export type StatusCheckAccepted = z.output<typeof statusCheckAccepted>;
export type StatusCheckView = z.output<typeof statusCheckView>;
