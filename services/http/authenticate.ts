import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../entities/user.entity';
import type { Principal, TokenService } from '../auth/token.service';
import { AppError } from '../shared/app-error';

/** The web pages' session cookie: it holds the access token (httpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'sesja';

/** What every other call answers a staff member who must set up two-step login first. */
export const MFA_SETUP_REQUIRED = new AppError(
  403,
  'mfa_setup_required',
  'Wymagane logowanie dwuetapowe',
  'Najpierw włącz logowanie dwuetapowe (POST /api/v1/me/mfa, potem /api/v1/me/mfa/confirm); dopiero wtedy pozostałe funkcje będą dostępne.',
);

/** Express middleware that admits callers with a valid access token of the given roles. */
export class Authenticator {
  constructor(private readonly tokens: TokenService) {}

  /** `duringMfaSetup`: the route is one of the few a staff member who must set up two-step login may call. */
  require(roles: readonly Role[], options: { sessionCookie?: boolean; duringMfaSetup?: boolean } = {}): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      this.principalOf(req, options.sessionCookie)
        .then((principal) => {
          if (!principal) throw AppError.unauthorized();
          if (!roles.includes(principal.role)) throw AppError.forbidden();
          if (principal.setupOnly && !options.duringMfaSetup) throw MFA_SETUP_REQUIRED;
          res.locals.principal = principal;
          next();
        })
        .catch(next);
    };
  }

  /**
   * The verified caller of a request, or null without a valid bearer token. With
   * `sessionCookie`, the web pages' session cookie is accepted too (for browser-only pages
   * such as the queue dashboard; SameSite=Strict keeps other sites from using it).
   */
  async principalOf(req: Request, sessionCookie = false): Promise<Principal | null> {
    const header = req.headers.authorization;
    // The scheme's letter case does not matter (RFC 9110 §11.1).
    if (header !== undefined) {
      // Whatever else an Authorization header holds, the session cookie does not stand in for
      // it: the dashboard skips its same-origin check for header-authenticated clients.
      const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(header);
      return match ? this.tokens.verify(match[1]) : null;
    }
    const cookie: unknown = sessionCookie ? req.cookies?.[SESSION_COOKIE] : undefined;
    return typeof cookie === 'string' && cookie !== '' ? this.tokens.verify(cookie) : null;
  }
}
