import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Config } from '../../config/config';
import type { Role } from '../../entities/user.entity';
import { ROLES } from '../../entities/user.entity';
import type { SessionStanding } from './session-standing';

/** Who is calling, as a verified access token says. */
export interface Principal {
  userId: string;
  role: Role;
  tokenId: string;
  expiresAt: number;
  /** The session this token belongs to: a login and every renewal of it share it. */
  sessionId: string;
  /** When that login happened (seconds since the epoch): sessions end a fixed time after it. */
  sessionStartedAt: number;
  /** The account's token version when the token was issued. */
  tokenVersion: number;
  /**
   * A staff member who must set up two-step login first (`STAFF_MFA_REQUIRED`): the token opens
   * only the set-up calls. Set at login, kept by renewals.
   */
  setupOnly: boolean;
}

/** Tokens may be a minute ahead of this machine's clock (other gateways), no more. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Access tokens: JWTs signed with one pinned algorithm, carrying `sub`, `role`, `iat`, `exp`,
 * `iss`, `aud`, a `jti`, the session `sid` with its start `auth_time`, and the account's token
 * version `ver`. A token is refused when its session was ended (logout) or its account's version
 * moved on (disabled, role changed, password reset), checked in one Redis round trip.
 */
export class TokenService {
  // A KeyObject made once: given a string, jsonwebtoken converts it on every call, first trying
  // it as a public key and failing, which cost more than everything else in a request.
  private readonly key: KeyObject;

  constructor(
    private readonly settings: Config['jwt'],
    /** What else, beyond the signature, decides whether a token still counts. */
    readonly standing: SessionStanding,
  ) {
    this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  }

  /** How long a token lives, in seconds (`JWT_TTL_SECONDS`). */
  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  /**
   * Signs a new access token: a new session at login, or the next token of a running session
   * (renewal), which never outlives the session's absolute end. Null when that end has come.
   */
  issue(
    userId: string,
    role: Role,
    options: { tokenVersion?: number; session?: { id: string; startedAt: number }; setupOnly?: boolean } = {},
  ): { accessToken: string; expiresIn: number } {
    const now = Math.floor(Date.now() / 1000);
    const session = options.session ?? { id: randomUUID(), startedAt: now };
    const expiresIn = Math.min(this.settings.ttlSeconds, session.startedAt + this.settings.sessionMaxSeconds - now);
    if (expiresIn <= 0) throw new Error('the session has reached its absolute end; log in again');
    const claims = { role, sid: session.id, auth_time: session.startedAt, ver: options.tokenVersion ?? 0, ...(options.setupOnly ? { mfa_setup: true } : {}) };
    const accessToken = jwt.sign(claims, this.key, {
      algorithm: this.settings.algorithm,
      subject: userId,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresIn,
      jwtid: randomUUID(),
    });
    return { accessToken, expiresIn };
  }

  /** The next token of the caller's session, or null when the session reached its absolute end. */
  renew(principal: Principal): { accessToken: string; expiresIn: number } | null {
    const left = principal.sessionStartedAt + this.settings.sessionMaxSeconds - Math.floor(Date.now() / 1000);
    if (left <= 0) return null;
    return this.issue(principal.userId, principal.role, {
      tokenVersion: principal.tokenVersion,
      setupOnly: principal.setupOnly,
      session: { id: principal.sessionId, startedAt: principal.sessionStartedAt },
    });
  }

  /** Verifies a token (signature, algorithm, issuer, audience, lifetimes, session, account version); null if bad. */
  async verify(token: string): Promise<Principal | null> {
    let claims: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: [this.settings.algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
      if (typeof decoded === 'string') return null;
      claims = decoded;
    } catch {
      return null;
    }
    const principal = this.principalOf(claims);
    if (!principal) return null;
    if (await this.standing.refuses(principal.userId, principal.sessionId, principal.tokenVersion)) return null;
    return principal;
  }

  /** Ends the caller's session: this token and every other of its chain stop working at once. */
  async revoke(principal: Principal): Promise<void> {
    const end = (principal.sessionStartedAt + this.settings.sessionMaxSeconds + CLOCK_SKEW_SECONDS) * 1000;
    await this.standing.revokeSession(principal.userId, principal.sessionId, new Date(end));
  }

  /**
   * The principal a token's claims describe, or null when they are not the ones this service
   * issues: a lifetime longer than `JWT_TTL_SECONDS`, an `iat` in the future, or an expiry past
   * the session's absolute end.
   */
  private principalOf(claims: jwt.JwtPayload): Principal | null {
    const { sub, jti, exp, iat, sid, auth_time: startedAt, ver } = claims as jwt.JwtPayload & { sid?: unknown; auth_time?: unknown; ver?: unknown };
    const role = claims.role as Role;
    if (!sub || !jti || !exp || !iat || !ROLES.includes(role)) return null;
    if (typeof sid !== 'string' || !UUID.test(sid) || !Number.isSafeInteger(startedAt) || !Number.isSafeInteger(ver)) return null;
    const now = Math.floor(Date.now() / 1000);
    if (iat > now + CLOCK_SKEW_SECONDS || exp - iat > this.settings.ttlSeconds) return null;
    if (exp > (startedAt as number) + this.settings.sessionMaxSeconds + CLOCK_SKEW_SECONDS) return null;
    const setupOnly = claims.mfa_setup === true;
    return { userId: sub, role, tokenId: jti, expiresAt: exp, sessionId: sid, sessionStartedAt: startedAt as number, tokenVersion: ver as number, setupOnly };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
