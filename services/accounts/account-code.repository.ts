import type { EntityManager } from 'typeorm';
import { AccountCode, type AccountCodePurpose } from '../../entities/account-code.entity';
import type { Db } from '../shared/database';

/** One code by id. */
export function findAccountCode(db: Db, id: string): Promise<AccountCode | null> {
  return db.getRepository(AccountCode).findOne({ where: { id } });
}

/** The account's newest code of this purpose that is neither spent nor expired. */
export function findLiveAccountCode(manager: EntityManager, userId: string, purpose: AccountCodePurpose): Promise<AccountCode | null> {
  return manager
    .getRepository(AccountCode)
    .createQueryBuilder('c')
    .where('c.user_id = :userId AND c.purpose = :purpose AND c.spent_at IS NULL AND c.expires_at > now()', { userId, purpose })
    .orderBy('c.created_at', 'DESC')
    .getOne();
}

/** Inserts a code valid for `validHours` from now; returns its id. */
export async function insertAccountCode(
  manager: EntityManager,
  code: Pick<AccountCode, 'purpose' | 'userId' | 'newEmail' | 'oldEmail' | 'seed' | 'codeHash'> & { validHours: number },
): Promise<string> {
  const rows: Array<Pick<AccountCode, 'id'>> = await manager.query(
    `INSERT INTO account_codes (purpose, user_id, new_email, old_email, seed, code_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7)) RETURNING id`,
    [code.purpose, code.userId, code.newEmail, code.oldEmail, code.seed, code.codeHash, code.validHours],
  );
  return rows[0].id;
}

/**
 * Spends every live code of this purpose of the account (a newer one replaces them, or one was
 * used) and erases their seeds. With no account it still runs, matching nothing: the same work.
 */
export async function spendLiveAccountCodes(manager: EntityManager, userId: string | null, purpose: AccountCodePurpose): Promise<void> {
  await manager.query(`UPDATE account_codes SET spent_at = now(), seed = NULL WHERE user_id = $1 AND purpose = $2 AND spent_at IS NULL`, [userId, purpose]);
}

/** Counts one wrong guess against a code. */
export async function countAccountCodeFailure(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE account_codes SET failed_attempts = failed_attempts + 1 WHERE id = $1`, [id]);
}

/** Erases a code's seed once its e-mail is out: from then on only the keyed hash remains. */
export async function forgetAccountCodeSeed(db: Db, id: string): Promise<void> {
  await db.query(`UPDATE account_codes SET seed = NULL WHERE id = $1`, [id]);
}

/** Deletes a row that belongs to nobody (a reset asked for an unknown login), once it has done its part. */
export async function deleteOwnerlessAccountCode(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM account_codes WHERE id = $1 AND user_id IS NULL`, [id]);
}
