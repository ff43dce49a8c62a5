import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/**
 * A receipt check written from the contract alone, as anyone outside the service would write it:
 * canonical JSON (keys sorted at every depth, no spaces) and Ed25519 with the published JWK,
 * plain node:crypto, no code of the project.
 */
export function independentlyValid(receipt: unknown, signature: string, jwk: JsonWebKey): boolean {
  const canonical = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(v);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return verify(null, Buffer.from(canonical(receipt), 'utf8'), key, Buffer.from(signature, 'base64url'));
}
