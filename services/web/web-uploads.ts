import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { AppError } from '../shared/app-error';
import { MAX_ATTACHMENTS, MAX_ATTACHMENTS_BYTES } from '../submissions/submission.schemas';
import type { SubmitInput } from '../submissions/submission.schemas';

/** The largest letter form read: the attachments' total plus room for the text fields. */
const MAX_LETTER_BYTES = MAX_ATTACHMENTS_BYTES + 1024 * 1024;
const TOO_LARGE = new AppError(413, 'payload_too_large', 'Za duże załączniki', `Załączniki mogą mieć razem najwyżej ${MAX_ATTACHMENTS_BYTES / 1024 / 1024} MB. Wybierz mniejsze pliki i wyślij pismo ponownie.`);

/** The letter form's file field. */
export const ATTACHMENTS_FIELD = 'attachments';

/** Polish words for what multer refuses; the form shows them at the file field. */
const LIMIT_MESSAGES: Record<string, string> = {
  LIMIT_FILE_SIZE: `Załączniki mogą mieć razem najwyżej ${MAX_ATTACHMENTS_BYTES / 1024 / 1024} MB.`,
  LIMIT_FILE_COUNT: `Można dołączyć najwyżej ${MAX_ATTACHMENTS} plików.`,
  LIMIT_UNEXPECTED_FILE: `Można dołączyć najwyżej ${MAX_ATTACHMENTS} plików.`,
  LIMIT_FIELD_VALUE: 'Treść pisma jest za długa.',
  LIMIT_PART_COUNT: 'Formularz ma za dużo pól.',
  LIMIT_FIELD_COUNT: 'Formularz ma za dużo pól.',
};

/**
 * Reads a multipart letter form (text fields and up to MAX_ATTACHMENTS files, kept in memory:
 * they go to PostgreSQL with the submission). A refused upload does not fail the request: its
 * message is left in `res.locals.uploadError` for the form to show at the file field, with the
 * text fields that did arrive.
 */
export function letterUpload() {
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8', // file names with Polish letters, as browsers send them
    limits: { files: MAX_ATTACHMENTS, fileSize: MAX_ATTACHMENTS_BYTES, fields: 10, fieldSize: 512 * 1024, parts: MAX_ATTACHMENTS + 10 },
  }).array(ATTACHMENTS_FIELD, MAX_ATTACHMENTS);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.is('multipart/form-data')) return next();
    // Files are limited one by one while they stream in; a body far over the total is refused
    // before it is read at all, so that no request holds 5 × 5 MB in memory.
    if (Number(req.headers['content-length'] ?? 0) > MAX_LETTER_BYTES) return next(TOO_LARGE);
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        res.locals.uploadError = LIMIT_MESSAGES[error.code] ?? 'Nie udało się przyjąć załączników.';
        req.body ??= {};
        return next();
      }
      next(error);
    });
  };
}

/** The uploaded files as the API's attachments; a file input left empty sends nothing. */
export function uploadedAttachments(req: Request): SubmitInput['attachments'] {
  const files = (req.files as Express.Multer.File[] | undefined) ?? [];
  return files
    .filter((f) => f.originalname !== '' || f.size > 0)
    .map((f) => ({ filename: f.originalname, contentType: f.mimetype || 'application/octet-stream', dataBase64: f.buffer.toString('base64') }));
}
