import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/config';
import type { Role } from '../../entities/user.entity';
import { ROLES } from '../../entities/user.entity';

/** Who is calling, as a verified access token says. */
export interface Principal {
  userId: string;
  role: Role;
  tokenId: string;
  expiresAt: number;
}

/**
 * Access tokens: JWTs signed with one pinned algorithm, carrying `sub`, `role`, `iat`, `exp`,
 * `iss`, `aud` and a `jti` by which logout revokes the token (held in Redis until it expires).
 */
export class TokenService {
  // A KeyObject made once: given a string, jsonwebtoken converts it on every call, first trying
  // it as a public key and failing, which cost more than everything else in a request.
  private readonly key: KeyObject;

  constructor(
    private readonly redis: Redis,
    private readonly settings: Config['jwt'],
    private readonly prefix: string,
  ) {
    this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  }

  /** How long a token lives, in seconds (`JWT_TTL_SECONDS`). */
  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  /** Signs a new access token for a user. */
  issue(userId: string, role: Role): { accessToken: string; expiresIn: number } {
    const accessToken = jwt.sign({ role }, this.key, {
      algorithm: this.settings.algorithm,
      subject: userId,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresIn: this.settings.ttlSeconds,
      jwtid: randomUUID(),
    });
    return { accessToken, expiresIn: this.settings.ttlSeconds };
  }

  /** Verifies a token (signature, algorithm, issuer, audience, expiry, revocation); null if bad. */
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
    const role = claims.role as Role;
    if (!claims.sub || !claims.jti || !claims.exp || !ROLES.includes(role)) return null;
    if (await this.redis.exists(this.revokedKey(claims.jti))) return null;
    return { userId: claims.sub, role, tokenId: claims.jti, expiresAt: claims.exp };
  }

  /** Refuses this token from now until it would have expired anyway. */
  async revoke(principal: Principal): Promise<void> {
    const ttl = Math.max(1, principal.expiresAt - Math.floor(Date.now() / 1000));
    await this.redis.set(this.revokedKey(principal.tokenId), '1', 'EX', ttl);
  }

  private revokedKey(tokenId: string): string {
    return `${this.prefix}:revoked-token:${tokenId}`;
  }
}
