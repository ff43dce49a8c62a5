import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The secrets a Docker Compose installation keeps in its `secrets` volume, one file each, named
 * after the variable; the app reads them through `JWT_SECRET_FILE` and `ACCESS_KEY_PEPPER_FILE`.
 */
export const SECRET_NAMES = ['JWT_SECRET', 'ACCESS_KEY_PEPPER'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export type SecretOutcome = 'generated' | 'kept' | 'from the environment';

/**
 * Makes sure `dir` holds a file for each secret. A value given in `given` (the operator's, from
 * Compose's .env) is written, replacing the file's; otherwise an existing file is kept; otherwise
 * 48 random bytes (base64) are written. Files are 0600 and replaced atomically (write, rename).
 * Throws an Error with one line per problem (a given value shorter than 32 characters).
 */
export function initSecrets(dir: string, given: Partial<Record<SecretName, string | undefined>>): Record<SecretName, SecretOutcome> {
  const problems = SECRET_NAMES.filter((name) => {
    const value = given[name]?.trim();
    return value && value.length < 32;
  }).map((name) => `${name}: must be at least 32 characters (e.g. openssl rand -base64 48)`);
  if (problems.length) throw new Error(problems.join('\n'));

  const outcome = {} as Record<SecretName, SecretOutcome>;
  for (const name of SECRET_NAMES) {
    const file = path.join(dir, name);
    const value = given[name]?.trim();
    if (value) {
      if (!existsSync(file) || readFileSync(file, 'utf8').trim() !== value) writeAtomically(file, value);
      outcome[name] = 'from the environment';
    } else if (existsSync(file) && readFileSync(file, 'utf8').trim()) {
      outcome[name] = 'kept';
    } else {
      writeAtomically(file, randomBytes(48).toString('base64'));
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
