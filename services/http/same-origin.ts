import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../shared/app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Refuses a form POST whose Origin (or, without one, Referer) is not this site: the public
 * address or the host the request was sent to. Together with the SameSite=Strict session
 * cookie this stops cross-site request forgery without tokens in every form. A request with
 * neither header is refused too: every browser sends Origin with a POST. With `publicOnly`, only
 * the public address counts: the Host header is the client's to choose, so a tool as powerful as
 * the queue dashboard trusts the configured address alone.
 */
export function sameOriginPosts(publicUrl: string, options: { publicOnly?: boolean } = {}): RequestHandler {
  const publicOrigin = originOf(publicUrl);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = originOf(req.get('origin') ?? undefined) ?? originOf(req.get('referer') ?? undefined);
    const hostOrigin = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== null && (origin === publicOrigin || (!options.publicOnly && origin === hostOrigin))) return next();
    next(AppError.forbidden('Formularz wysłano z innej strony niż ta usługa. Otwórz stronę usługi i wyślij formularz ponownie.'));
  };
}
