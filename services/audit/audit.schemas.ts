import { z } from 'zod';

export const auditQuery = z.strictObject({
  actor: z.string().trim().toLowerCase().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const auditEntry = z.object({
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditList = z.object({ items: z.array(auditEntry), total: z.number().int() }).meta({ id: 'AuditLog' });

export type AuditQuery = z.output<typeof auditQuery>;
