import type { EntityManager } from 'typeorm';
import { ActivationCode } from '../../entities/activation-code.entity';
import type { Db } from '../shared/database';

/** One activation code by id. */
export function findActivationCode(db: Db, id: string): Promise<ActivationCode | null> {
  return db.getRepository(ActivationCode).findOne({ where: { id } });
}

/** The user's newest code that is neither spent nor expired. */
export function findLiveActivationCode(manager: EntityManager, userId: string): Promise<ActivationCode | null> {
  return manager
    .getRepository(ActivationCode)
    .createQueryBuilder('c')
    .where('c.user_id = :userId AND c.spent_at IS NULL AND c.expires_at > now()', { userId })
    .orderBy('c.created_at', 'DESC')
    .getOne();
}

/** Inserts a code valid for `validHours` from now; returns its id. */
export async function insertActivationCode(
  manager: EntityManager,
  code: Pick<ActivationCode, 'userId' | 'seed' | 'codeHash'> & { validHours: number },
): Promise<string> {
  const rows: Array<Pick<ActivationCode, 'id'>> = await manager.query(
    `INSERT INTO activation_codes (user_id, seed, code_hash, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id`,
    [code.userId, code.seed, code.codeHash, code.validHours],
  );
  return rows[0].id;
}

/** Spends every live code of the user (a newer one replaces them) and erases their seeds. */
export async function spendLiveActivationCodes(manager: EntityManager, userId: string | null): Promise<void> {
  await manager.query(`UPDATE activation_codes SET spent_at = now(), seed = NULL WHERE user_id = $1 AND spent_at IS NULL`, [userId]);
}

/** Spends one code (it was used) and erases its seed. */
export async function spendActivationCode(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE activation_codes SET spent_at = now(), seed = NULL WHERE id = $1`, [id]);
}

/** Counts one wrong guess against a code. */
export async function countActivationFailure(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE activation_codes SET failed_attempts = failed_attempts + 1 WHERE id = $1`, [id]);
}

/** Erases a code's seed: from then on nobody, not even with the pepper, can read the code. */
export async function forgetActivationSeed(db: Pick<EntityManager, 'query'>, id: string): Promise<void> {
  await db.query(`UPDATE activation_codes SET seed = NULL WHERE id = $1`, [id]);
}

/** Deletes a row that belongs to nobody (a new code asked for a login that is not pending). */
export async function deleteOwnerlessActivationCode(db: Pick<EntityManager, 'query'>, id: string): Promise<void> {
  await db.query(`DELETE FROM activation_codes WHERE id = $1 AND user_id IS NULL`, [id]);
}
