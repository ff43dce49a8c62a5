import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../../entities/user.entity';
import multer from 'multer';
import { AppError } from '../shared/app-error';
import { MAX_ATTACHMENTS, MAX_ATTACHMENTS_BYTES, TOO_MANY_ATTACHMENTS } from '../submissions/submission.schemas';
import type { SubmitInput } from '../submissions/submission.schemas';

/** The largest letter form read: the attachments' total plus room for the text fields. */
const MAX_LETTER_BYTES = MAX_ATTACHMENTS_BYTES + 1024 * 1024;
const TOO_LARGE = new AppError(413, 'payload_too_large', 'Za duże załączniki', `Załączniki mogą mieć razem najwyżej ${MAX_ATTACHMENTS_BYTES / 1024 / 1024} MB. Wybierz mniejsze pliki i wyślij pismo ponownie.`);

/** The letter form's file field. */
export const ATTACHMENTS_FIELD = 'attachments';

/** Polish words for what multer refuses; the form shows them at the file field. */
const LIMIT_MESSAGES: Record<string, string> = {
  LIMIT_FILE_SIZE: `Załączniki mogą mieć razem najwyżej ${MAX_ATTACHMENTS_BYTES / 1024 / 1024} MB.`,
  LIMIT_FILE_COUNT: TOO_MANY_ATTACHMENTS,
  LIMIT_UNEXPECTED_FILE: TOO_MANY_ATTACHMENTS,
  LIMIT_FIELD_VALUE: 'Treść pisma jest za długa.',
  LIMIT_PART_COUNT: 'Formularz ma za dużo pól.',
  LIMIT_FIELD_COUNT: 'Formularz ma za dużo pól.',
};

const LIMITS = { files: MAX_ATTACHMENTS, fileSize: MAX_ATTACHMENTS_BYTES, fields: 10, fieldSize: 512 * 1024, parts: MAX_ATTACHMENTS + 10 };
const LENGTH_REQUIRED = new AppError(411, 'validation_failed', 'Nieznany rozmiar formularza', 'Przeglądarka nie podała rozmiaru formularza. Wyślij pismo ponownie ze strony usługi.');
const MALFORMED = AppError.validation([], 'Formularz dotarł niepełny lub uszkodzony. Wyślij pismo ponownie.');

/**
 * Reads a multipart letter form (text fields and up to MAX_ATTACHMENTS files, kept in memory:
 * they go to PostgreSQL with the submission). Only the files of a logged-in user of one of the
 * `uploaders` roles (citizens, unless the form is the office's letter) are read at all; anyone
 * else's form is read for its text (the files stream past, unkept), so that the letter can
 * be shown again. A form must say its size (browsers always do), and one far over the total is
 * refused before it is read. A refused upload does not fail the request: its message is left in
 * `res.locals.uploadError` for the form to show at the file field, with the text that arrived.
 */
export function letterUpload(uploaders: readonly Role[] = ['citizen']) {
  const options = { storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: LIMITS }; // utf8: Polish file names as browsers send them
  const withFiles = multer(options).array(ATTACHMENTS_FIELD, MAX_ATTACHMENTS);
  const textOnly = multer({ ...options, fileFilter: (_req, _file, keep) => keep(null, false) }).array(ATTACHMENTS_FIELD, MAX_ATTACHMENTS);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.is('multipart/form-data')) return next();
    const length = req.headers['content-length'];
    if (length === undefined) return next(LENGTH_REQUIRED);
    if (Number(length) > MAX_LETTER_BYTES) return next(TOO_LARGE);
    const session = res.locals.session;
    const upload = session && uploaders.includes(session.principal.role) ? withFiles : textOnly;
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        res.locals.uploadError = LIMIT_MESSAGES[error.code] ?? 'Nie udało się przyjąć załączników.';
        req.body ??= {};
        return next();
      }
      // busboy's own errors (a cut-off or garbled body) are the sender's, not the server's.
      next(error ? MALFORMED : undefined);
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
