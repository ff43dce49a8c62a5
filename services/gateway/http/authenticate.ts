import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../../../entities/user.entity';
import type { Principal, TokenService } from '../../auth/token.service';
import { AppError } from '../../shared/app-error';

/** Express middleware that admits callers with a valid access token of the given roles. */
export class Authenticator {
  constructor(private readonly tokens: TokenService) {}

  require(roles: readonly Role[]): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      this.principalOf(req)
        .then((principal) => {
          if (!principal) throw AppError.unauthorized();
          if (!roles.includes(principal.role)) throw AppError.forbidden();
          res.locals.principal = principal;
          next();
        })
        .catch(next);
    };
  }

  /** The verified caller of a request, or null without a valid bearer token. */
  async principalOf(req: Request): Promise<Principal | null> {
    const header = req.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header) : null;
    return match ? this.tokens.verify(match[1]) : null;
  }
}
