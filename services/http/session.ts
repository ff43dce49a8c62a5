import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../entities/user.entity';
import { STAFF_ROLES } from '../../entities/user.entity';
import type { Principal, TokenService } from '../auth/token.service';
import { SESSION_COOKIE } from './authenticate';
import { AppError } from '../shared/app-error';
import { PAGES } from '../shared/page-paths';

/** The logged-in person of a page request, as the session cookie says. */
export interface WebSession {
  principal: Principal;
  token: string;
}

/** True for registrar, official and admin. */
export function isStaff(role: Role): boolean {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

/**
 * The web pages' session cookie: it holds the access token (httpOnly, SameSite=Strict, Secure
 * when the service is served over https), and is renewed while in use.
 */
export class SessionCookies {
  private readonly secure: boolean;

  constructor(
    private readonly tokens: TokenService,
    publicUrl: string,
  ) {
    this.secure = publicUrl.startsWith('https');
  }

  /** Stores the access token in an httpOnly cookie that lives as long as the token. */
  set(res: Response, accessToken: string, expiresInSeconds: number): void {
    res.cookie(SESSION_COOKIE, accessToken, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/', maxAge: expiresInSeconds * 1000 });
  }

  /** Removes the session cookie (with the same attributes it was set with). */
  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/' });
  }

  /** Reads the session cookie into `res.locals.session` (null when absent, expired or revoked). */
  load(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const token: unknown = req.cookies?.[SESSION_COOKIE];
      res.locals.session = null;
      if (typeof token !== 'string' || token === '') return next();
      this.tokens
        .verify(token)
        .then((principal) => {
          // A dead cookie is dropped, so that pages stop treating the browser as logged in.
          if (!principal) {
            res.locals.session = null;
            this.clear(res);
            return next();
          }
          return this.renewedIfHalfGone(res, { principal, token }).then((session) => {
            res.locals.session = session;
            next();
          });
        })
        .catch(next);
    };
  }

  /**
   * A session past half its lifetime gets a fresh token in its cookie, so that a person using the
   * pages is not logged out in the middle of their work; an idle one still ends with its token
   * (`JWT_TTL_SECONDS`, at most an hour), and a busy one `SESSION_MAX_SECONDS` after its login.
   * The renewed token belongs to the same session, so logout ends both.
   */
  private async renewedIfHalfGone(res: Response, session: WebSession): Promise<WebSession> {
    const left = session.principal.expiresAt - Math.floor(Date.now() / 1000);
    if (left > this.tokens.ttlSeconds / 2) return session;
    const fresh = this.tokens.renew(session.principal);
    // At the session's absolute end there is no renewal: the cookie runs out with its token.
    if (!fresh) return session;
    const principal = await this.tokens.verify(fresh.accessToken);
    if (!principal) return session;
    this.set(res, fresh.accessToken, fresh.expiresIn);
    return { principal, token: fresh.accessToken };
  }
}

/** The session of a request that passed requireLogin. */
export function sessionOf(res: Response): WebSession {
  const session = res.locals.session;
  if (!session) throw new Error('sessionOf() on a route without requireLogin()');
  return session;
}

/**
 * Lets through people logged in with one of `roles`; others go to /logowanie and come back
 * afterwards. A logged-in person of another role gets 403; one who must set up two-step login
 * first goes to its set-up page (unless this page is part of it).
 */
export function requireLogin(roles: readonly Role[], options: { duringMfaSetup?: boolean } = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = res.locals.session;
    if (!session) {
      const back = req.method === 'GET' ? req.originalUrl : req.baseUrl + req.path;
      res.redirect(303, `${PAGES.login}?next=${encodeURIComponent(back)}`);
      return;
    }
    if (!roles.includes(session.principal.role)) {
      next(AppError.forbidden(forWhom(roles)));
      return;
    }
    // A staff member who must set up two-step login first (STAFF_MFA_REQUIRED) sees only that page.
    if (session.principal.setupOnly && !options.duringMfaSetup) {
      res.redirect(303, PAGES.twoStepSetup);
      return;
    }
    next();
  };
}

const ROLE_NAMES: Record<Role, string> = { citizen: 'mieszkańców', registrar: 'kancelarii urzędu', official: 'referentów', admin: 'administratorów' };

/**
 * Who a page is for, in words: "mieszkańców", "pracowników urzędu", or the staff roles by name
 * (an official opening a registrar's page must not read that it is meant for citizens).
 */
function forWhom(roles: readonly Role[]): string {
  if (roles.length === 1 && roles[0] === 'citizen') return 'Ta strona jest przeznaczona dla mieszkańców.';
  if (STAFF_ROLES.every((r) => roles.includes(r))) return 'Ta strona jest przeznaczona dla pracowników urzędu.';
  const names = roles.map((r) => ROLE_NAMES[r]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} i ${names[names.length - 1]}` : names[0];
  return `Ta strona jest przeznaczona tylko dla ${list}.`;
}

/** True when `next` is a page the role may open: staff go to office pages, citizens to theirs. */
export function nextFits(next: string, role: Role): boolean {
  const officePage = next.startsWith(PAGES.office) || next.startsWith('/admin/');
  return isStaff(role) ? officePage : !officePage;
}

/**
 * `next` only when it is a path on this site: it starts with one slash and holds no scheme,
 * no second slash or backslash at the start and no control characters, so a link cannot send
 * people elsewhere after login (open redirect).
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  return next;
}
