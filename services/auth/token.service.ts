import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import type { Role } from '../../entities/user.entity';
import { ROLES } from '../../entities/user.entity';
import { logger } from '../shared/logger';
import { insertRevokedToken, isTokenRevoked, liveRevokedTokens } from './revoked-token.repository';

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
  private reloading: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly settings: Config['jwt'],
    private readonly prefix: string,
    /** The durable copy of revocations (Redis is their fast cache). */
    private readonly dataSource: DataSource,
  ) {
    this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
    // After any outage (or a restart that lost its data) Redis gets every revocation back,
    // including those made while it was away.
    redis.on('ready', () => {
      void this.reloadRevocations().catch((error) => logger.warn({ err: error }, 'could not reload token revocations into Redis'));
    });
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
    if (await this.isRevoked(claims.jti)) return null;
    return { userId: claims.sub, role, tokenId: claims.jti, expiresAt: claims.exp };
  }

  /**
   * Refuses this token from now until it would have expired anyway: written to PostgreSQL first
   * (it holds whatever Redis does), then to Redis for the fast check; a Redis outage at this
   * moment is caught up by the reload on reconnect.
   */
  async revoke(principal: Principal): Promise<void> {
    await insertRevokedToken(this.dataSource, { tokenId: principal.tokenId, expiresAt: new Date(principal.expiresAt * 1000) });
    const ttl = Math.max(1, principal.expiresAt - Math.floor(Date.now() / 1000));
    await this.redis.set(this.revokedKey(principal.tokenId), '1', 'EX', ttl).catch((error) => {
      logger.warn({ err: error }, 'token revocation not cached in Redis; PostgreSQL holds it');
    });
  }

  /**
   * One Redis round trip on the hot path: the token's revocation key and the marker that the
   * revocations are loaded. Without the marker (Redis restarted empty) or without Redis at all,
   * PostgreSQL answers.
   */
  private async isRevoked(tokenId: string): Promise<boolean> {
    try {
      const [revoked, loaded] = (await this.redis.pipeline().exists(this.revokedKey(tokenId)).exists(this.loadedKey()).exec()) ?? [];
      if (revoked?.[0] || loaded?.[0]) throw revoked?.[0] ?? loaded?.[0];
      if (revoked?.[1]) return true;
      if (loaded?.[1]) return false;
      void this.reloadRevocations().catch(() => undefined);
    } catch {
      // Redis unreachable: the durable copy decides.
    }
    return isTokenRevoked(this.dataSource, tokenId);
  }

  /** Copies every revocation still in force into Redis, then marks them loaded (one reload at a time). */
  private reloadRevocations(): Promise<void> {
    this.reloading ??= this.copyRevocations().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async copyRevocations(): Promise<void> {
    const live = await liveRevokedTokens(this.dataSource);
    const now = Date.now();
    const batch = this.redis.pipeline();
    for (const r of live) batch.set(this.revokedKey(r.tokenId), '1', 'EX', Math.max(1, Math.ceil((r.expiresAt.getTime() - now) / 1000)));
    batch.set(this.loadedKey(), '1');
    await batch.exec();
  }

  private loadedKey(): string {
    return `${this.prefix}:revocations-loaded`;
  }

  private revokedKey(tokenId: string): string {
    return `${this.prefix}:revoked-token:${tokenId}`;
  }
}
