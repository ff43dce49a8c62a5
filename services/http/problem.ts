import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { AppError } from '../shared/app-error';
import { loggedUrl } from './access-log';
import { logger } from '../shared/logger';
import { isDependencyUnavailable } from '../shared/unavailable';
import { PAGES } from '../shared/page-paths';

/** What the problem documents depend on: where the help page is, and whether to hide internals. */
export interface ProblemSettings {
  publicUrl: string;
  production: boolean;
}

/** Writes an AppError as `application/problem+json` (RFC 9457); `type` links its help entry. */
export function sendProblem(res: Response, error: AppError, publicUrl: string): void {
  res.set(error.headers);
  res
    .status(error.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `${publicUrl}${PAGES.help}#blad-${error.code}`,
        title: error.title,
        status: error.status,
        code: error.code,
        detail: error.detail,
        ...(error.errors ? { errors: error.errors } : {}),
      }),
    );
}

/** What Express, its router and body-parser attach to the errors they raise (http-errors style). */
interface HttpLikeError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Contract codes for the statuses it names; any other 4xx gets its HTTP reason in snake case. */
const CODES: Record<number, { code: string; title: string; detail: string }> = {
  400: { code: 'validation_failed', title: 'Niepoprawne dane', detail: 'Żądanie jest niepoprawne.' },
  401: { code: 'unauthorized', title: 'Brak uwierzytelnienia', detail: 'Zaloguj się, aby skorzystać z tej usługi.' },
  403: { code: 'forbidden', title: 'Brak uprawnień', detail: 'Nie masz uprawnień do tej operacji.' },
  404: { code: 'not_found', title: 'Nie znaleziono', detail: 'Nie znaleziono zasobu.' },
  413: { code: 'payload_too_large', title: 'Za duże żądanie', detail: 'Treść żądania przekracza dopuszczalny rozmiar.' },
  415: { code: 'unsupported_media_type', title: 'Nieobsługiwany format', detail: 'Wyślij dane jako JSON w UTF-8.' },
  429: { code: 'too_many_requests', title: 'Zbyt wiele żądań', detail: 'Zbyt wiele prób. Spróbuj ponownie później.' },
};

/**
 * Maps what Express, its router and body-parser throw onto the contract's problems: any error
 * that carries a 4xx status meant for the client (body too large, unsupported charset, the
 * router's "Failed to decode param" for a malformed %-escape in a path). Anything else is a
 * bug: null, and the caller answers 500.
 */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDependencyUnavailable(error)) return serviceUnavailable();
  const httpError = (error ?? {}) as HttpLikeError;
  if (httpError.type === 'entity.parse.failed') {
    return AppError.validation([{ field: 'body', message: 'Treść żądania nie jest poprawnym dokumentem JSON.' }]);
  }
  const { status } = httpError;
  if (typeof status !== 'number' || status < 400 || status > 499 || httpError.expose === false) return null;
  if (error instanceof URIError) {
    const detail = 'Adres zawiera niepoprawnie zakodowane znaki (%). Sprawdź, czy skopiowano go w całości.';
    return new AppError(400, 'validation_failed', 'Niepoprawny adres', detail, [{ field: 'path', message: detail }]);
  }
  const known = CODES[status];
  if (known) return new AppError(status, known.code, known.title, known.detail, status === 400 ? [] : undefined);
  const reason = STATUS_CODES[status] ?? 'Client Error';
  return new AppError(status, reason.toLowerCase().replace(/[^a-z0-9]+/g, '_'), 'Niepoprawne żądanie', 'Serwer nie może obsłużyć tego żądania.');
}

/** 503 `service_unavailable` with Retry-After: the database (or Redis) is away for a moment. */
export function serviceUnavailable(): AppError {
  return new AppError(503, 'service_unavailable', 'Usługa chwilowo niedostępna', 'Usługa jest chwilowo niedostępna. Spróbuj ponownie za chwilę.', undefined, { 'Retry-After': '5' });
}

/**
 * What a caller is told of a failure that is not theirs (a bug, a lost connection): in
 * production a plain apology, elsewhere the error's own message for the developer.
 */
export function internalError(error: unknown, production: boolean): AppError {
  const detail = production ? 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie za chwilę.' : String((error as Error)?.message ?? error);
  return new AppError(500, 'internal_error', 'Błąd serwera', detail);
}

/** The one error handler: problem+json for every failure, internals hidden from callers. */
export function errorHandler(settings: ProblemSettings): ErrorRequestHandler {
  return (error, req: Request, res: Response, _next) => {
    const appError = toAppError(error);
    if (!appError) logger.error({ err: error, method: req.method, url: loggedUrl(req.originalUrl) }, 'unhandled error');
    sendProblem(res, appError ?? internalError(error, settings.production), settings.publicUrl);
  };
}

/** 404 for every path nobody answers. */
export function notFoundHandler(settings: ProblemSettings): (req: Request, res: Response) => void {
  return (_req, res) => sendProblem(res, AppError.notFound('Nie ma takiej strony ani zasobu.'), settings.publicUrl);
}
