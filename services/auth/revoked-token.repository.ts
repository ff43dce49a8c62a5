import type { DataSource } from 'typeorm';
import type { RevokedToken } from '../../entities/revoked-token.entity';

/** Records a revocation (again is nothing new). */
export async function insertRevokedToken(db: DataSource, token: Pick<RevokedToken, 'tokenId' | 'expiresAt'>): Promise<void> {
  await db.query(`INSERT INTO revoked_tokens (token_id, expires_at) VALUES ($1, $2) ON CONFLICT (token_id) DO NOTHING`, [token.tokenId, token.expiresAt]);
}

/** True when this token was revoked. */
export async function isTokenRevoked(db: DataSource, tokenId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM revoked_tokens WHERE token_id = $1`, [tokenId]);
  return rows.length > 0;
}

/** The revocations still in force (their tokens not yet expired); expired ones are deleted. */
export async function liveRevokedTokens(db: DataSource): Promise<Array<Pick<RevokedToken, 'tokenId' | 'expiresAt'>>> {
  await db.query(`DELETE FROM revoked_tokens WHERE expires_at < now()`);
  return db.query(`SELECT token_id AS "tokenId", expires_at AS "expiresAt" FROM revoked_tokens`);
}
