import { Secret, TOTP } from 'otpauth';

/** The TOTP code of `secret` (base32) at `at`, computed as an authenticator app does (RFC 6238, SHA-1, 30 s, 6 digits). */
export function totpCode(secret: string, at = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at });
}
