import type { EntityManager } from 'typeorm';
import { derivedCode, keyedHash, normaliseCrockford, randomHex } from '../shared/secrets';

export const ACTIVATION_CODE_VALID_HOURS = 24;
export const ACTIVATION_CODE_MAX_FAILURES = 5;
const CODE_SYMBOLS = 8; // 40 bits of Crockford base32
const PURPOSE = 'activation-code';

/** The clear code of an activation row: derived from its seed, never stored. */
export function activationCodeOf(seed: string): string {
  return derivedCode(PURPOSE, seed, CODE_SYMBOLS);
}

/** Erases a code's seed: from then on nobody, not even with the pepper, can read the code. */
export async function forgetActivationSeed(db: Pick<EntityManager, 'query'>, id: string): Promise<void> {
  await db.query(`UPDATE activation_codes SET seed = NULL WHERE id = $1`, [id]);
}

/** The keyed hash a typed code is compared with. */
export function activationCodeHash(typed: string): string {
  return keyedHash(PURPOSE, normaliseCrockford(typed));
}

/** Creates a fresh code for a user (spending any earlier live one); returns the row's id. */
export async function createActivationCode(manager: EntityManager, userId: string): Promise<string> {
  await manager.query(`UPDATE activation_codes SET spent_at = now(), seed = NULL WHERE user_id = $1 AND spent_at IS NULL`, [userId]);
  const seed = randomHex(32);
  const code = derivedCode(PURPOSE, seed, CODE_SYMBOLS);
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO activation_codes (user_id, seed, code_hash, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id`,
    [userId, seed, keyedHash(PURPOSE, code), ACTIVATION_CODE_VALID_HOURS],
  );
  return rows[0].id;
}
