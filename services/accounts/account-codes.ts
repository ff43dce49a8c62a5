import type { EntityManager } from 'typeorm';
import type { AccountCodePurpose } from '../../entities/account-code.entity';
import { derivedCode, keyedHash, normaliseCrockford, randomHex } from '../shared/secrets';
import { insertAccountCode, spendLiveAccountCodes } from './account-code.repository';

/** How long each kind of code lives, in hours. */
export const ACCOUNT_CODE_VALID_HOURS: Record<AccountCodePurpose, number> = { password_reset: 1, email_change: 24 };
export const ACCOUNT_CODE_MAX_FAILURES = 5;
const CODE_SYMBOLS = 8; // 40 bits of Crockford base32, as activation codes

/** The clear code of a row: derived from its seed, never stored. */
export function accountCodeOf(purpose: AccountCodePurpose, seed: string): string {
  return derivedCode(purpose, seed, CODE_SYMBOLS);
}

/** The keyed hash a typed code is compared with. */
export function accountCodeHash(purpose: AccountCodePurpose, typed: string): string {
  return keyedHash(purpose, normaliseCrockford(typed));
}

/**
 * Creates a fresh code (spending the account's earlier live ones of this purpose); returns the
 * row's id. `userId` null writes a row nobody can use, at the same cost as a real one.
 */
export async function createAccountCode(
  manager: EntityManager,
  purpose: AccountCodePurpose,
  userId: string | null,
  addresses: { newEmail: string; oldEmail: string } | null = null,
): Promise<string> {
  await spendLiveAccountCodes(manager, userId, purpose);
  const seed = randomHex(32);
  return insertAccountCode(manager, {
    purpose,
    userId,
    newEmail: addresses?.newEmail ?? null,
    oldEmail: addresses?.oldEmail ?? null,
    seed,
    codeHash: keyedHash(purpose, accountCodeOf(purpose, seed)),
    validHours: ACCOUNT_CODE_VALID_HOURS[purpose],
  });
}
