import { z } from 'zod';
import { CALL_STATUSES } from '../../entities/case-call.entity';
import { attachmentsSchema } from '../submissions/submission.schemas';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const createCallBody = z
  .strictObject({
    what: z.string().trim().min(1).max(5000).meta({ description: 'What the parties must complete (KPA art. 64 §2)' }),
    dueDate: z
      .string()
      .trim()
      .regex(DAY_PATTERN, 'Podaj datę w postaci RRRR-MM-DD.')
      .meta({ description: 'The last day to answer, YYYY-MM-DD: at least 7 days after today in the office time zone', example: '2026-12-20' }),
  })
  .meta({ id: 'CreateCallRequest' });

export const callSchema = z
  .object({
    id: z.uuid(),
    what: z.string(),
    dueDate: z.string().meta({ example: '2026-12-20' }),
    status: z.enum(CALL_STATUSES).meta({ description: 'expired: the day passed without an answer' }),
    answeredAt: z.iso.datetime().nullable(),
    replyId: z.uuid().nullable(),
  })
  .meta({ id: 'CallForCompletion' });

export const createdCall = z
  .object({ id: z.uuid(), what: z.string(), dueDate: z.string(), status: z.literal('open') })
  .meta({ id: 'CreatedCall' });

export const callList = z.object({ items: z.array(callSchema).meta({ description: 'Oldest first' }) }).meta({ id: 'CallList' });

export const replyBody = z
  .strictObject({
    content: z.string().min(1).max(100_000),
    callId: z.uuid('Niepoprawny identyfikator wezwania.').optional().meta({ description: 'The open call this reply answers' }),
    attachments: attachmentsSchema,
  })
  .meta({ id: 'ReplyRequest' });

export const replyReceipt = z
  .object({
    id: z.uuid(),
    receiptNumber: z.string().meta({ example: 'ESP/2026/000002' }),
    submittedAt: z.iso.datetime(),
    sha256: z.string(),
  })
  .meta({ id: 'ReplyReceipt' });

export const sendLetterBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    content: z.string().min(1).max(100_000),
    attachments: attachmentsSchema,
  })
  .meta({ id: 'SendLetterRequest' });

export const sentLetter = z.object({ id: z.uuid() }).meta({ id: 'SentLetter' });

export const documentAttachment = z
  .object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string() })
  .meta({ id: 'DocumentAttachment' });

export const letterSchema = z
  .object({ id: z.uuid(), title: z.string(), content: z.string(), sentAt: z.iso.datetime(), attachments: z.array(documentAttachment) })
  .meta({ id: 'OfficeLetter' });

export const documentSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['submission', 'reply', 'letter']),
    direction: z.enum(['in', 'out']),
    title: z.string(),
    at: z.iso.datetime(),
    attachments: z.array(documentAttachment),
    openedAt: z.iso.datetime().nullable().meta({ description: 'When a citizen first opened an office letter; null for incoming documents' }),
  })
  .meta({ id: 'Document' });

export const documentList = z.object({ items: z.array(documentSchema).meta({ description: 'Oldest first' }) }).meta({ id: 'DocumentList' });

const caseNumber = z.string().trim().toUpperCase().min(1).max(64);

export const letterParams = z.strictObject({ number: caseNumber, id: z.uuid('Niepoprawny identyfikator pisma.') });

export const documentFileParams = z.strictObject({
  number: caseNumber,
  documentId: z.uuid('Niepoprawny identyfikator dokumentu.'),
  attachmentId: z.uuid('Niepoprawny identyfikator załącznika.'),
});

export type CreateCallInput = z.output<typeof createCallBody>;
export type CallView = z.output<typeof callSchema>;
export type CreatedCall = z.output<typeof createdCall>;
export type ReplyInput = z.output<typeof replyBody>;
export type ReplyReceipt = z.output<typeof replyReceipt>;
export type SendLetterInput = z.output<typeof sendLetterBody>;
export type LetterView = z.output<typeof letterSchema>;
export type DocumentView = z.output<typeof documentSchema>;
export type DocumentAttachmentView = z.output<typeof documentAttachment>;
