import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { crockfordBase32, keyedHash, normaliseCrockford } from '../shared/secrets';
import { accessKeyEverIssued, insertAccessKey, revokeLiveAccessKey } from './access-key.repository';

const PURPOSE = 'access-key';
const SYMBOLS = 16; // 80 random bits
const VALID = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** A new internet access key, `XXXX-XXXX-XXXX-XXXX` (80 bits from the OS's cryptographic source). */
export function generateAccessKey(): string {
  return formatAccessKey(crockfordBase32(randomBytes(10), SYMBOLS));
}

function formatAccessKey(symbols: string): string {
  return symbols.match(/.{4}/g)!.join('-');
}

/**
 * The canonical 16 symbols of a typed key (any letter case, with or without dashes and spaces),
 * or null when it cannot be a key.
 */
export function normaliseAccessKey(input: string): string | null {
  const symbols = normaliseCrockford(input);
  return VALID.test(symbols) ? symbols : null;
}

/** The keyed hash stored for a key: the key itself is never stored. */
export function accessKeyHash(key: string): string {
  const symbols = normaliseAccessKey(key);
  if (!symbols) throw new Error('not an access key');
  return keyedHash(PURPOSE, symbols);
}

/**
 * Issues a new key for a case inside the caller's transaction: the case's earlier key stops
 * working. Returns the clear key, which the caller shows once and never stores.
 */
export async function issueAccessKey(manager: EntityManager, caseId: string): Promise<string> {
  await revokeLiveAccessKey(manager, caseId);
  const key = generateAccessKey();
  await insertAccessKey(manager, { caseId, keyHash: accessKeyHash(key) });
  return key;
}

/**
 * The key of a case opened from a submission whose sender asked for one: it is made with the
 * `case_opened` notice, in the transaction that writes it. A key the filing office issued
 * meanwhile (at the counter) stands: a new one here would silently revoke it. Returns the clear
 * key to put in the notice, or null when none is to be made.
 */
export async function keyForCaseOpenedNotice(manager: EntityManager, caseId: string, requested: boolean): Promise<string | null> {
  if (!requested || (await accessKeyEverIssued(manager, caseId))) return null;
  return issueAccessKey(manager, caseId);
}
