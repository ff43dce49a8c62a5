import { z } from 'zod';

/** A calendar day, `YYYY-MM-DD`, that exists (no 31 February). */
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Podaj datę w postaci RRRR-MM-DD.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Taki dzień nie istnieje.');

export const auditQuery = z
  .strictObject({
    actor: z.string().trim().toLowerCase().min(1).max(200).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    from: day.optional().meta({ description: 'From this day (office time zone), inclusive' }),
    to: day.optional().meta({ description: 'Up to this day (office time zone), inclusive' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'Data „do” nie może być wcześniejsza niż data „od”.', path: ['to'] });

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
