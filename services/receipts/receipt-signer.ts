import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The public half of the signing key as a JSON Web Key (RFC 8037: OKP, Ed25519). */
export interface ReceiptPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/**
 * Signs receipts with the installation's Ed25519 key and checks signatures against its public
 * half. Ed25519 is deterministic: the same receipt always gets the same signature, so a receipt
 * is built afresh from the stored facts whenever it is asked for, and nothing needs storing.
 */
export class ReceiptSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly jwk: ReceiptPublicJwk;

  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    if (this.privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The receipt signing key must be an Ed25519 private key');
    this.publicKey = createPublicKey(this.privateKey);
    const { x } = this.publicKey.export({ format: 'jwk' });
    if (!x) throw new Error('The receipt signing key has no public part');
    // The key id says which key signed, should an installation ever change its key.
    this.jwk = { kty: 'OKP', crv: 'Ed25519', x, kid: x.slice(0, 16), alg: 'EdDSA', use: 'sig' };
  }

  /** The base64url Ed25519 signature over the value's canonical JSON. */
  sign(value: unknown): string {
    return sign(null, Buffer.from(canonicalJson(value), 'utf8'), this.privateKey).toString('base64url');
  }

  /** True when `signature` (base64url) is this key's signature over the value's canonical JSON. */
  verify(value: unknown, signature: string): boolean {
    const bytes = Buffer.from(signature, 'base64url');
    // Buffer.from drops what is not base64url; a signature that does not survive the round trip was altered.
    if (bytes.length !== 64 || bytes.toString('base64url') !== signature) return false;
    let canonical: string;
    try {
      canonical = canonicalJson(value);
    } catch {
      return false; // nested too deep to write out (a stack overflow): no receipt of ours looks like that
    }
    return verify(null, Buffer.from(canonical, 'utf8'), this.publicKey, bytes);
  }
}
