import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The secrets a Docker Compose installation keeps in its `secrets` volume, one file each, named
 * after the variable; the app reads them through `JWT_SECRET_FILE`, `ACCESS_KEY_PEPPER_FILE` and
 * `RECEIPT_SIGNING_KEY_FILE`.
 */
export const SECRET_NAMES = ['JWT_SECRET', 'ACCESS_KEY_PEPPER', 'RECEIPT_SIGNING_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** How each secret is made, and why a given value would be refused (null: accepted). */
const KINDS: Record<SecretName, { generate: () => string; problem: (value: string) => string | null; normalise?: (value: string) => string }> = {
  JWT_SECRET: { generate: randomText, problem: atLeast32 },
  ACCESS_KEY_PEPPER: { generate: randomText, problem: atLeast32 },
  // One Ed25519 key per installation: receipts signed by it can be checked with its public half.
  RECEIPT_SIGNING_KEY: {
    generate: () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
    problem: (value) => (isEd25519PrivateKey(value) ? null : 'must be an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)'),
    normalise: (value) => value.replace(/\\n/g, '\n').trim(),
  },
};

function randomText(): string {
  return randomBytes(48).toString('base64');
}

function atLeast32(value: string): string | null {
  return value.length < 32 ? 'must be at least 32 characters (e.g. openssl rand -base64 48)' : null;
}

function isEd25519PrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem.replace(/\\n/g, '\n')).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

export type SecretOutcome = 'generated' | 'kept' | 'from the environment';

/**
 * Makes sure `dir` holds a file for each secret. A value given in `given` (the operator's, from
 * Compose's .env) is written, replacing the file's; otherwise an existing file is kept; otherwise
 * a new one is generated: 48 random bytes (base64), or for RECEIPT_SIGNING_KEY a new Ed25519 key
 * (PEM). Files are 0600 and replaced atomically (write, rename). Throws an Error with one line per
 * problem (a given value shorter than 32 characters, a signing key that is not Ed25519).
 */
export function initSecrets(dir: string, given: Partial<Record<SecretName, string | undefined>>): Record<SecretName, SecretOutcome> {
  const problems = SECRET_NAMES.flatMap((name) => {
    const value = given[name]?.trim();
    const problem = value ? KINDS[name].problem(value) : null;
    return problem ? [`${name}: ${problem}`] : [];
  });
  if (problems.length) throw new Error(problems.join('\n'));

  const outcome = {} as Record<SecretName, SecretOutcome>;
  for (const name of SECRET_NAMES) {
    const file = path.join(dir, name);
    const raw = given[name]?.trim();
    const value = raw && KINDS[name].normalise ? KINDS[name].normalise(raw) : raw;
    if (value) {
      if (!existsSync(file) || readFileSync(file, 'utf8').trim() !== value) writeAtomically(file, value);
      outcome[name] = 'from the environment';
    } else if (existsSync(file) && readFileSync(file, 'utf8').trim()) {
      outcome[name] = 'kept';
    } else {
      writeAtomically(file, KINDS[name].generate());
      outcome[name] = 'generated';
    }
  }
  return outcome;
}

function writeAtomically(file: string, value: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${value}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
