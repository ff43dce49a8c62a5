import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as the contract fixes it: SHA-1, 30-second steps, 6 digits. */
const PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';
/** 160 bits, the size RFC 4226 recommends for SHA-1. */
const SECRET_BYTES = 20;
const ISSUER = 'Stan spraw — urząd';

/** A new random TOTP secret, in base32 (what an authenticator app takes). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://totp/...` address an authenticator app reads from the QR code. */
export function otpauthUrl(secretBase32: string, login: string): string {
  return totpOf(secretBase32, login).toString();
}

/**
 * The time step a code belongs to, when it is right for `secret` now: the current step or the one
 * before or after (a phone's clock may be off by up to 30 s). Null for a wrong code. The caller
 * refuses a step at or before the last one it accepted, so a code works once.
 */
export function totpStepOf(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secretBase32).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

function totpOf(secretBase32: string, login = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label: login, algorithm: ALGORITHM, digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}
