import type { EntityManager } from 'typeorm';
import type { AccountStatus, Role } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** What the second step needs of an account, locked for the transaction. */
export interface MfaAccount {
  id: string;
  login: string;
  role: Role;
  status: AccountStatus;
  tokenVersion: number;
  /** Sealed (secrets.ts sealSecret); null when never set up or reset. */
  mfaSecret: string | null;
  mfaEnabledAt: Date | null;
  /** The last accepted TOTP step (bigint, so a string), or null. */
  mfaLastStep: string | null;
}

/** Locks an account for the second step; null when there is none. */
export async function lockMfaAccount(manager: EntityManager, userId: string): Promise<MfaAccount | null> {
  const rows: MfaAccount[] = await manager.query(
    `SELECT id, login, role, status, token_version AS "tokenVersion", mfa_secret AS "mfaSecret", mfa_enabled_at AS "mfaEnabledAt", mfa_last_step::text AS "mfaLastStep"
       FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  return rows[0] ?? null;
}

/** True when the account has two-step login switched on. */
export async function mfaEnabled(db: Db, userId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM users WHERE id = $1 AND mfa_enabled_at IS NOT NULL`, [userId]);
  return rows.length > 0;
}

/** Stores a new, not yet confirmed secret (replacing an unconfirmed one). */
export async function storePendingMfaSecret(manager: EntityManager, userId: string, sealed: string): Promise<void> {
  await manager.query(`UPDATE users SET mfa_secret = $2, mfa_enabled_at = NULL, mfa_last_step = NULL WHERE id = $1`, [userId, sealed]);
}

/** Switches two-step login on, the confirming code's step spent. */
export async function enableMfa(manager: EntityManager, userId: string, step: number): Promise<void> {
  await manager.query(`UPDATE users SET mfa_enabled_at = now(), mfa_last_step = $2 WHERE id = $1`, [userId, step]);
}

/** Records the step of an accepted code: it and every earlier one are spent. */
export async function spendMfaStep(manager: EntityManager, userId: string, step: number): Promise<void> {
  await manager.query(`UPDATE users SET mfa_last_step = $2 WHERE id = $1`, [userId, step]);
}

/** A login waiting for its code: the hash of its token, whose it is, until when. */
export async function insertMfaChallenge(db: Db, challenge: { tokenHash: string; userId: string; seconds: number }): Promise<void> {
  // Expired ones go as new ones come: the table stays as small as the logins of the last minutes.
  await db.query(`DELETE FROM mfa_challenges WHERE expires_at < now() - interval '1 hour'`);
  await db.query(`INSERT INTO mfa_challenges (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
    challenge.tokenHash,
    challenge.userId,
    challenge.seconds,
  ]);
}

/** Locks a live (unused, unexpired) challenge by its token's hash; null for any other. */
export async function lockLiveMfaChallenge(manager: EntityManager, tokenHash: string): Promise<{ userId: string } | null> {
  const rows: Array<{ userId: string }> = await manager.query(
    `SELECT user_id AS "userId" FROM mfa_challenges WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Spends a challenge: its token can never finish a login again. */
export async function spendMfaChallenge(manager: EntityManager, tokenHash: string): Promise<void> {
  await manager.query(`UPDATE mfa_challenges SET used_at = now() WHERE token_hash = $1`, [tokenHash]);
}
