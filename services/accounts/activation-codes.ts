import type { EntityManager } from 'typeorm';
import { derivedCode, keyedHash, normaliseCrockford, randomHex } from '../shared/secrets';
import { insertActivationCode, spendLiveActivationCodes } from './activation-code.repository';

export const ACTIVATION_CODE_VALID_HOURS = 24;
export const ACTIVATION_CODE_MAX_FAILURES = 5;
const CODE_SYMBOLS = 8; // 40 bits of Crockford base32
const PURPOSE = 'activation-code';

/** The clear code of an activation row: derived from its seed, never stored. */
export function activationCodeOf(seed: string): string {
  return derivedCode(PURPOSE, seed, CODE_SYMBOLS);
}

/** The keyed hash a typed code is compared with. */
export function activationCodeHash(typed: string): string {
  return keyedHash(PURPOSE, normaliseCrockford(typed));
}

/**
 * Creates a fresh code for a user (spending any earlier live one); returns the row's id. With no
 * user (a login that is not pending) it writes a row nobody can use, at the same cost.
 */
export async function createActivationCode(manager: EntityManager, userId: string | null): Promise<string> {
  await spendLiveActivationCodes(manager, userId);
  const seed = randomHex(32);
  const code = derivedCode(PURPOSE, seed, CODE_SYMBOLS);
  return insertActivationCode(manager, { userId, seed, codeHash: keyedHash(PURPOSE, code), validHours: ACTIVATION_CODE_VALID_HOURS });
}
