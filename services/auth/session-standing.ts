import type { DataSource, EntityManager } from 'typeorm';
import { logger } from '../shared/logger';
import type { RedisConnection } from '../shared/redis';
import {
  insertRevokedSession,
  isRefusedInDatabase,
  liveRevokedSessions,
  raisedTokenVersions,
  raiseTokenVersion,
} from './session-standing.repository';

/** Sets a version only when it is higher than the one held: a late reload never lowers it. */
const SET_IF_HIGHER = `local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > held then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

/**
 * Whether a token may still be used, beyond its signature: its session not ended (logout) and
 * its account's token version still current (not disabled, demoted, or reset since).
 *
 * PostgreSQL holds both durably; Redis is their cache for the hot path, checked in one round
 * trip (the session and the version keys share the account's hash slot, so this holds on a
 * Redis Cluster too). A marker says the cache is complete: without it (Redis restarted empty)
 * or without Redis at all, PostgreSQL answers, and the cache is refilled.
 */
export class SessionStanding {
  private reloading: Promise<void> | null = null;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    private readonly dataSource: DataSource,
  ) {
    // After any outage (or a restart that lost its data) Redis gets everything back, including
    // what changed while it was away.
    redis.on('ready', () => {
      void this.reload().catch((error) => logger.warn({ err: error }, 'could not reload session revocations into Redis'));
    });
  }

  /** True when a token of this account, session and version must be refused. */
  async refuses(userId: string, sessionId: string, tokenVersion: number): Promise<boolean> {
    try {
      const [[revoked, version], loaded] = await Promise.all([
        this.redis.mget(this.sessionKey(userId, sessionId), this.versionKey(userId)),
        this.redis.exists(this.loadedKey()),
      ]);
      if (loaded) return revoked !== null || Number(version ?? 0) !== tokenVersion;
      void this.reload().catch(() => undefined);
    } catch {
      // Redis unreachable: the durable copy decides.
    }
    return isRefusedInDatabase(this.dataSource, userId, sessionId, tokenVersion);
  }

  /** Ends one session (every token of it) until `until`, when none of its tokens can be valid anyway. */
  async revokeSession(userId: string, sessionId: string, until: Date): Promise<void> {
    await insertRevokedSession(this.dataSource, { sessionId, userId, expiresAt: until });
    const ttl = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    await this.redis.set(this.sessionKey(userId, sessionId), '1', 'EX', ttl).catch(async (error: unknown) => {
      logger.warn({ err: error }, 'session revocation not cached in Redis; PostgreSQL holds it');
      // The cache would let this session through (e.g. a Cluster node failing over while the
      // marker's node is fine): mark it incomplete, so PostgreSQL decides until it is reloaded.
      await this.redis.del(this.loadedKey()).catch(() => undefined);
    });
  }

  /**
   * Ends every session of an account: its token version goes up, in the caller's transaction
   * when given one. Call `publish` with the result once that transaction has committed (before,
   * a rollback would leave Redis ahead of the database). Null when there is no such account.
   */
  async raiseVersion(db: DataSource | EntityManager, userId: string): Promise<number | null> {
    return raiseTokenVersion(db, userId);
  }

  /** Makes a committed version count on the hot path. */
  async publish(userId: string, tokenVersion: number): Promise<void> {
    await this.redis.eval(SET_IF_HIGHER, 1, this.versionKey(userId), String(tokenVersion)).catch(async (error: unknown) => {
      logger.warn({ err: error }, 'token version not cached in Redis; PostgreSQL decides until the cache is reloaded');
      // Without it the cache would let the old tokens through: mark it incomplete.
      await this.redis.del(this.loadedKey()).catch(() => undefined);
    });
  }

  /** Ends every session of an account at once (outside any transaction). */
  async endAllSessions(userId: string): Promise<number | null> {
    const version = await this.raiseVersion(this.dataSource, userId);
    if (version !== null) await this.publish(userId, version);
    return version;
  }

  /** Copies every revocation and raised version into Redis, then marks the cache complete (one reload at a time). */
  private reload(): Promise<void> {
    this.reloading ??= this.copyToRedis().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async copyToRedis(): Promise<void> {
    const [sessions, versions] = await Promise.all([liveRevokedSessions(this.dataSource), raisedTokenVersions(this.dataSource)]);
    const now = Date.now();
    // One command per key, not one pipeline: on a Redis Cluster the keys live on different nodes.
    await Promise.all([
      ...sessions.map((s) => this.redis.set(this.sessionKey(s.userId, s.sessionId), '1', 'EX', Math.max(1, Math.ceil((s.expiresAt.getTime() - now) / 1000)))),
      ...versions.map((v) => this.redis.eval(SET_IF_HIGHER, 1, this.versionKey(v.userId), String(v.tokenVersion))),
    ]);
    await this.redis.set(this.loadedKey(), '1');
  }

  private loadedKey(): string {
    return `${this.prefix}:sessions-loaded`;
  }

  private sessionKey(userId: string, sessionId: string): string {
    return `${this.prefix}:account:{${userId}}:revoked-session:${sessionId}`;
  }

  private versionKey(userId: string): string {
    return `${this.prefix}:account:{${userId}}:token-version`;
  }
}
