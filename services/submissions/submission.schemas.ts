import { z } from 'zod';
import { SUBMISSION_STATUSES } from '../../entities/submission.entity';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENTS_BYTES = 5 * 1024 * 1024;
export const TOO_MANY_ATTACHMENTS = `Można dołączyć najwyżej ${MAX_ATTACHMENTS} plików.`;

const attachment = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((name) => !/[\\/\0]/.test(name), 'Nazwa pliku nie może zawierać ukośników.'),
  contentType: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'Podaj typ pliku w postaci typ/podtyp, np. application/pdf.'),
  dataBase64: z.base64('Zawartość pliku musi być zakodowana w base64.'),
});

/** The files of a submission, a reply or an office letter: at most MAX_ATTACHMENTS (their total size is checked once decoded). */
export const attachmentsField = z.array(attachment).max(MAX_ATTACHMENTS, TOO_MANY_ATTACHMENTS).optional().default([]);

export const submitBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    content: z.string().min(1).max(100_000),
    requestAccessKey: z.boolean().optional().default(false),
    attachments: attachmentsField,
  })
  .meta({ id: 'SubmissionRequest' });

export const submissionReceipt = z
  .object({
    id: z.uuid(),
    receiptNumber: z.string().meta({ example: 'ESP/2026/000001' }),
    submittedAt: z.iso.datetime(),
    sha256: z.string(),
    status: z.literal('received'),
  })
  .meta({ id: 'SubmissionReceipt' });

export const ownSubmission = z.object({
  id: z.uuid(),
  title: z.string(),
  receiptNumber: z.string(),
  submittedAt: z.iso.datetime(),
  status: z.enum(SUBMISSION_STATUSES),
  caseNumber: z.string().nullable(),
});

export const ownSubmissions = z.object({ items: z.array(ownSubmission) }).meta({ id: 'OwnSubmissions' });

export type SubmitInput = z.output<typeof submitBody>;
