import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { loggedUrl } from '../http/access-log';
import { internalError, toAppError } from '../http/problem';
import { AppError } from '../shared/app-error';
import { logger } from '../shared/logger';
import { sendPage } from './web-render';

/**
 * A 400 page for an address holding %00: PostgreSQL cannot store or compare U+0000 in text,
 * and a path or query value reaches it (case numbers, filters) before any form does.
 */
export function refuseNulInAddress(req: Request, _res: Response, next: NextFunction): void {
  if (!/%00/i.test(req.originalUrl)) return next();
  const detail = 'Adres zawiera niedozwolony znak (%00). Sprawdź adres albo zacznij od strony głównej.';
  next(new AppError(400, 'validation_failed', 'Niepoprawny adres', detail, [{ field: 'path', message: detail }]));
}

/** An HTML 404 for browsers; other clients fall through to the JSON problem. */
export function pageNotFound(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' || req.accepts(['json', 'html']) !== 'html') return next();
  sendPage(res, 'blad', { title: 'Nie znaleziono strony', heading: 'Nie znaleziono strony', detail: 'Nie ma takiej strony. Sprawdź adres albo zacznij od strony głównej.', code: 'not_found' }, 404);
}

const PARSER_ERRORS: Record<string, AppError> = {
  'entity.too.large': new AppError(413, 'payload_too_large', 'Za duży formularz', 'Formularz jest za duży (najwyżej 1 MiB). Skróć tekst i wyślij go ponownie.'),
  'parameters.too.many': AppError.validation([], 'Formularz ma za dużo pól.'),
};

/**
 * Errors of web pages as pages, with the same Polish detail the API gives: the form's own words
 * for a form too large, then whatever the API's mapper makes of an error with a 4xx status (a
 * malformed %-escape in the address is a 400, not a server fault).
 */
export function pageError(production: boolean): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { type: parserType, status } = (error ?? {}) as { type?: string; status?: number };
    const appError =
      (parserType ? PARSER_ERRORS[parserType] : undefined) ??
      (status === 404 && !(error instanceof AppError) ? AppError.notFound('Nie ma takiego pliku.') : undefined) ??
      toAppError(error);
    if (!appError) {
      logger.error({ err: error, method: req.method, url: loggedUrl(req.originalUrl) }, 'unhandled error on a web page');
    }
    const shown = appError ?? internalError(error, production);
    res.set(shown.headers);
    sendPage(res, 'blad', { title: shown.title, heading: shown.title, detail: shown.detail, code: shown.code }, shown.status);
  };
}
