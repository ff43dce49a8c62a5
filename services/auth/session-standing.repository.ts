import type { DataSource, EntityManager } from 'typeorm';
import type { RevokedSession } from '../../entities/revoked-session.entity';

type Db = DataSource | EntityManager;

/** Records that a session ended (again is nothing new). */
export async function insertRevokedSession(db: Db, session: Pick<RevokedSession, 'sessionId' | 'userId' | 'expiresAt'>): Promise<void> {
  await db.query(
    `INSERT INTO revoked_sessions (session_id, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING`,
    [session.sessionId, session.userId, session.expiresAt],
  );
}

/**
 * True when a token of this session and version must be refused: the session was revoked, or
 * the account's token version moved on. An account without a row counts as version 0, as in
 * Redis: an account that is erased keeps its row with a raised version (see the deletion).
 */
export async function isRefusedInDatabase(db: Db, userId: string, sessionId: string, tokenVersion: number): Promise<boolean> {
  const rows: Array<{ refused: boolean }> = await db.query(
    `SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE session_id = $2)
            OR COALESCE((SELECT token_version FROM users WHERE id = $1), 0) <> $3 AS refused`,
    [userId, sessionId, tokenVersion],
  );
  return rows[0].refused;
}

/** The revocations still in force; expired ones are deleted. */
export async function liveRevokedSessions(db: Db): Promise<Array<Pick<RevokedSession, 'sessionId' | 'userId' | 'expiresAt'>>> {
  await db.query(`DELETE FROM revoked_sessions WHERE expires_at < now()`);
  return db.query(`SELECT session_id AS "sessionId", user_id AS "userId", expires_at AS "expiresAt" FROM revoked_sessions`);
}

/** Every account whose token version moved from 0 (the version Redis assumes when it holds none). */
export function raisedTokenVersions(db: Db): Promise<Array<{ userId: string; tokenVersion: number }>> {
  return db.query(`SELECT id AS "userId", token_version AS "tokenVersion" FROM users WHERE token_version > 0`);
}

/** Raises an account's token version (in the caller's transaction when given one); null if no such account. */
export async function raiseTokenVersion(db: Db, userId: string): Promise<number | null> {
  const rows: Array<{ tokenVersion: number }> = await db.query(
    `UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version AS "tokenVersion"`,
    [userId],
  );
  // TypeORM answers an UPDATE … RETURNING with [rows, count].
  const returned = Array.isArray(rows[0]) ? (rows[0] as unknown as Array<{ tokenVersion: number }>) : rows;
  return returned[0]?.tokenVersion ?? null;
}
