import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
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

/**
 * The key that encrypts two-step login secrets, derived from `ACCESS_KEY_PEPPER` with HKDF.
 * Why the pepper: it lives outside the database (environment or a secrets file), so a stolen
 * database or backup does not give anyone the TOTP secrets, which, unlike passwords, cannot be
 * hashed (the server must compute codes from them). Why HKDF and not the pepper itself: a key of
 * its own for this one purpose, so the same secret never serves two algorithms (HMAC of access
 * keys and AES-GCM here).
 */
function secretBoxKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', config().accessKeyPepper, Buffer.alloc(0), 'case-status:mfa-secret:v1', 32));
}

/** Encrypts a small secret with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretBoxKey(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Decrypts what `sealSecret` made; throws when it was altered or sealed with another key. */
export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', secretBoxKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
