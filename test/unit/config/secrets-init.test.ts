import { createPrivateKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../../config/config';
import { initSecrets } from '../../../config/secrets-init';

describe('initSecrets (the Compose `secrets` service)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'secrets-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8').trim();

  test('when the directory is empty and nothing is given, then two different random secrets and a signing key are written, readable only by the owner', () => {
    expect(initSecrets(dir, {})).toEqual({ JWT_SECRET: 'generated', ACCESS_KEY_PEPPER: 'generated', RECEIPT_SIGNING_KEY: 'generated' });
    expect(read('JWT_SECRET').length).toBeGreaterThanOrEqual(32);
    expect(read('ACCESS_KEY_PEPPER').length).toBeGreaterThanOrEqual(32);
    expect(read('JWT_SECRET')).not.toBe(read('ACCESS_KEY_PEPPER'));
    expect(statSync(path.join(dir, 'JWT_SECRET')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['ACCESS_KEY_PEPPER', 'JWT_SECRET', 'RECEIPT_SIGNING_KEY']);
    expect(statSync(path.join(dir, 'RECEIPT_SIGNING_KEY')).mode & 0o777).toBe(0o600);
    const key = createPrivateKey(read('RECEIPT_SIGNING_KEY'));
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(verify(null, Buffer.from('x'), key, sign(null, Buffer.from('x'), key))).toBe(true);
  });

  test('when it runs in two installations, then each gets a signing key of its own, kept from then on', () => {
    initSecrets(dir, {});
    const first = read('RECEIPT_SIGNING_KEY');
    initSecrets(dir, {});
    expect(read('RECEIPT_SIGNING_KEY')).toBe(first);
    const other = mkdtempSync(path.join(tmpdir(), 'secrets-init-'));
    try {
      initSecrets(other, {});
      expect(readFileSync(path.join(other, 'RECEIPT_SIGNING_KEY'), 'utf8').trim()).not.toBe(first);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('when the operator gives a signing key (its line breaks as \\n, too), then it is written as PEM; one that is not Ed25519 is refused', () => {
    const own = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
    expect(initSecrets(dir, { RECEIPT_SIGNING_KEY: own.replace(/\n/g, '\\n') }).RECEIPT_SIGNING_KEY).toBe('from the environment');
    expect(read('RECEIPT_SIGNING_KEY')).toBe(own);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => initSecrets(dir, { RECEIPT_SIGNING_KEY: rsa })).toThrow(/^RECEIPT_SIGNING_KEY: must be an Ed25519 private key/);
  });

  test('when it runs again, then the secrets are kept', () => {
    initSecrets(dir, {});
    const before = [read('JWT_SECRET'), read('ACCESS_KEY_PEPPER')];
    expect(initSecrets(dir, { JWT_SECRET: '', ACCESS_KEY_PEPPER: undefined })).toEqual({ JWT_SECRET: 'kept', ACCESS_KEY_PEPPER: 'kept', RECEIPT_SIGNING_KEY: 'kept' });
    expect([read('JWT_SECRET'), read('ACCESS_KEY_PEPPER')]).toEqual(before);
  });

  test("when the operator gives a value, then it replaces the file's", () => {
    initSecrets(dir, {});
    const pepper = read('ACCESS_KEY_PEPPER');
    const own = 'the-operators-own-secret-0123456789abcdef';
    expect(initSecrets(dir, { JWT_SECRET: ` ${own}\n` })).toEqual({ JWT_SECRET: 'from the environment', ACCESS_KEY_PEPPER: 'kept', RECEIPT_SIGNING_KEY: 'kept' });
    expect(read('JWT_SECRET')).toBe(own);
    expect(read('ACCESS_KEY_PEPPER')).toBe(pepper);
  });

  test('when a given value is shorter than 32 characters, then it throws naming it and writes nothing', () => {
    expect(() => initSecrets(dir, { ACCESS_KEY_PEPPER: 'short' })).toThrow(/^ACCESS_KEY_PEPPER: .*32/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('when the app reads the files through _FILE in production, then it accepts them', () => {
    initSecrets(dir, {});
    const config = parseConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@postgres:5432/case_status',
      REDIS_URL: 'redis://redis:6379',
      SMTP_URL: 'smtp://mailpit:1025',
      MAIL_FROM: 'Urząd Miasta <no-reply@urzad.example>',
      PUBLIC_URL: 'http://localhost:3000',
      JWT_SECRET_FILE: path.join(dir, 'JWT_SECRET'),
      ACCESS_KEY_PEPPER_FILE: path.join(dir, 'ACCESS_KEY_PEPPER'),
      RECEIPT_SIGNING_KEY_FILE: path.join(dir, 'RECEIPT_SIGNING_KEY'),
    });
    expect(config.receiptSigningKey).toBe(read('RECEIPT_SIGNING_KEY'));
    expect(config.jwt.secret).toBe(read('JWT_SECRET'));
    expect(config.accessKeyPepper).toBe(read('ACCESS_KEY_PEPPER'));
  });
});
