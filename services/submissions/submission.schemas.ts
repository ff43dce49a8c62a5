import { z } from 'zod';
import { SUBMISSION_STATUSES } from '../../entities/submission.entity';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENTS_BYTES = 5 * 1024 * 1024;
export const TOO_MANY_ATTACHMENTS = `Można dołączyć najwyżej ${MAX_ATTACHMENTS} plików.`;

/**
 * Control characters and the invisible marks that reorder text (bidirectional embeddings,
 * overrides, isolates, LRM/RLM): `report.pdf\u202Egpj.exe` would be listed to the registrar as
 * "report.pdfexe.jpg". Line breaks and tabs become spaces; the rest is dropped.
 */
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A one-line text as stored: without control or bidirectional characters, tabs and line breaks as spaces. */
export function plainLine(text: string): string {
  return text.replace(/[\t\r\n\u2028\u2029]+/g, ' ').replace(HIDDEN_CHARACTERS, '');
}

/** The title of a submission or reply. */
export const submissionTitle = z.string().overwrite(plainLine).trim().min(1).max(200);

/** One attached file, as submissions and replies take it (the reply code reuses this schema). */
export const attachmentSchema = z.strictObject({
  filename: z
    .string()
    .overwrite(plainLine)
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

/** The attachments of a submission or reply: at most MAX_ATTACHMENTS (their total is checked after decoding). */
export const attachmentsSchema = z.array(attachmentSchema).max(MAX_ATTACHMENTS, TOO_MANY_ATTACHMENTS).optional().default([]);

export const submitBody = z
  .strictObject({
    title: submissionTitle,
    content: z.string().min(1).max(100_000),
    requestAccessKey: z.boolean().optional().default(false),
    attachments: attachmentsSchema,
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

export const submissionParams = z.strictObject({ id: z.uuid() });
export const attachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

export const storedAttachment = z
  .object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string() })
  .meta({ id: 'StoredAttachment' });

export const submissionDetail = z
  .object({
    id: z.uuid(),
    title: z.string(),
    content: z.string(),
    receiptNumber: z.string(),
    submittedAt: z.iso.datetime(),
    sha256: z.string().meta({ description: 'Hex SHA-256 of the UTF-8 content' }),
    status: z.enum(SUBMISSION_STATUSES),
    caseNumber: z.string().nullable().meta({ description: 'The case opened from it, or (for a reply) the case it was sent in' }),
    attachments: z.array(storedAttachment),
  })
  .meta({ id: 'SubmissionDetail' });

export const officeSubmissionDetail = submissionDetail
  .extend({ sender: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }) })
  .meta({ id: 'OfficeSubmissionDetail' });

export type SubmitInput = z.output<typeof submitBody>;
/** The attachments as submissions and replies take them. */
export type AttachmentInput = z.output<typeof attachmentSchema>;
