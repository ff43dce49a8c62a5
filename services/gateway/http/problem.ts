import type { ErrorRequestHandler, Request, Response } from 'express';
import { config } from '../../../config/config';
import { AppError } from '../../shared/app-error';
import { logger } from '../../shared/logger';

/** Writes an AppError as `application/problem+json` (RFC 9457). */
export function sendProblem(res: Response, error: AppError): void {
  res.set(error.headers);
  res
    .status(error.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `${config().publicUrl}/pomoc#blad-${error.code}`,
        title: error.title,
        status: error.status,
        code: error.code,
        detail: error.detail,
        ...(error.errors ? { errors: error.errors } : {}),
      }),
    );
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Maps what Express and body-parser throw onto the contract's problems. */
function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'Za duże żądanie', 'Treść żądania przekracza dopuszczalny rozmiar.');
    case 'entity.parse.failed':
      return AppError.validation([{ field: 'body', message: 'Treść żądania nie jest poprawnym dokumentem JSON.' }]);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Nieobsługiwany format', 'Wyślij dane jako JSON w UTF-8.');
    default:
      return null;
  }
}

/** The one error handler: problem+json for every failure, internals hidden from callers. */
export const errorHandler: ErrorRequestHandler = (error, req: Request, res: Response, _next) => {
  const appError = toAppError(error);
  if (appError) {
    sendProblem(res, appError);
    return;
  }
  logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
  const detail = config().production ? 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie za chwilę.' : String((error as Error)?.message ?? error);
  sendProblem(res, new AppError(500, 'internal_error', 'Błąd serwera', detail));
};

/** 404 for every path nobody answers. */
export function notFoundHandler(_req: Request, res: Response): void {
  sendProblem(res, AppError.notFound('Nie ma takiej strony ani zasobu.'));
}
