import { generateKeyPairSync } from 'node:crypto';
import { ReceiptSigner } from '../../../services/receipts/receipt-signer';

const pem = (type: 'ed25519' | 'x25519') => generateKeyPairSync(type as 'ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('ReceiptSigner', () => {
  const signer = new ReceiptSigner(pem('ed25519'));
  const receipt = { receiptNumber: 'ESP/2026/000001', title: 'Wniosek', attachments: [{ filename: 'a.pdf', sha256: 'ab' }] };

  test('when a receipt is signed, then the signature is 64 bytes of base64url, the same every time, and verifies', () => {
    const signature = signer.sign(receipt);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(signer.sign(receipt)).toBe(signature);
    expect(signer.verify(receipt, signature)).toBe(true);
  });

  test('when the receipt, the key or the signature differ, then it does not verify', () => {
    const signature = signer.sign(receipt);
    expect(signer.verify({ ...receipt, title: 'Wniosek.' }, signature)).toBe(false);
    expect(new ReceiptSigner(pem('ed25519')).verify(receipt, signature)).toBe(false);
    expect(signer.verify(receipt, signature.slice(0, -1))).toBe(false);
    expect(signer.verify(receipt, `${signature}A`)).toBe(false);
    expect(signer.verify(receipt, '')).toBe(false);
  });

  test('when a forged receipt is nested deeper than any stack, then it simply does not verify', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(signer.verify({ receiptNumber: deep }, signer.sign(receipt))).toBe(false);
  });

  test('when the key is not an Ed25519 private key, then the signer refuses it', () => {
    expect(() => new ReceiptSigner(pem('x25519'))).toThrow(/Ed25519/);
  });

  test('when the public key is published, then it is an OKP/Ed25519 JWK without the private part', () => {
    expect(signer.jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: signer.jwk.x.slice(0, 16), alg: 'EdDSA', use: 'sig' });
    expect(JSON.stringify(signer.jwk)).not.toContain('"d"');
  });
});
