import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from '../../config/config';

/**
 * Keyed hashes (HMAC-SHA-256 with the server's pepper) for access keys and activation codes:
 * a copy of the database alone does not let anyone test guesses offline. Besides the entry
 * points, this is the one reader of the configuration: the hashes are pure functions used from
 * every layer, and a process has exactly one pepper (`ACCESS_KEY_PEPPER`).
 */
export function keyedHash(purpose: string, value: string): string {
  return createHmac('sha256', config().accessKeyPepper).update(`${purpose}\0${value}`).digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Random bytes from the operating system's cryptographic source, as hex. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Encodes bytes as Crockford base32 (5 bits a symbol, most significant first). */
export function crockfordBase32(bytes: Buffer, symbols: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < symbols) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  // The last symbol takes the bits left over, padded with zeros (as base32 does).
  if (bits > 0 && out.length < symbols) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

/** Derives a short code from a secret seed: the same seed always gives the same code. */
export function derivedCode(purpose: string, seed: string, symbols: number): string {
  const digest = createHmac('sha256', config().accessKeyPepper).update(`${purpose}\0${seed}`).digest();
  return crockfordBase32(digest, symbols);
}

/** Normalises user input in Crockford base32: case, dashes, spaces and look-alike letters. */
export function normaliseCrockford(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
