import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import argon2 from 'argon2';
import path from 'node:path';
import { Client } from 'pg';

// `npm run cli -- admin:create` as an operator runs it: the built CLI (the `pretest` script
// builds dist/), against this run's database.
const root = path.join(__dirname, '..', '..');
const cliJs = path.join(root, 'dist/services/cli/cli.main.js');

function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cliJs, ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

/** The stored password hash of a login checks against `password`. */
async function storedPasswordIs(login: string, password: string): Promise<boolean> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT password_hash FROM users WHERE login = $1`, [login]);
    return rows.length === 1 && (await argon2.verify(rows[0].password_hash, password));
  } finally {
    await db.end();
  }
}

beforeAll(() => {
  // A direct `npx jest` run skips `pretest`: build once if there is nothing to run.
  if (!existsSync(cliJs)) execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root });
}, 120_000);

describe('npm run cli -- admin:create', () => {
  const login = `admin.${randomBytes(4).toString('hex')}`;
  const password = `Mocne-Haslo-Admina-${randomBytes(4).toString('hex')}`;

  test('when a new login is given, then exit 0 and an active admin account exists', async () => {
    const res = await cli(['admin:create', '--login', login, '--password', password]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(login);
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT role, status, password_hash FROM users WHERE login = $1`, [login]);
      expect(rows).toEqual([{ role: 'admin', status: 'active', password_hash: expect.stringMatching(/^\$argon2id\$/) }]);
    } finally {
      await db.end();
    }
  });

  test('when the login already exists (in any letter case), then exit 1 with a message', async () => {
    const res = await cli(['admin:create', '--login', login.toUpperCase(), '--password', password]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/zajęty|exists/i);
  });

  test('when the password is too weak, then exit 1 naming the password', async () => {
    const res = await cli(['admin:create', '--login', `admin.${randomBytes(4).toString('hex')}`, '--password', 'password1234']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/password/);
  });

  test('when --password is missing, then exit 1 with the usage', async () => {
    const res = await cli(['admin:create', '--login', 'admin.bez.hasla']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--password/);
  });

  test('when the password comes on standard input (--password-stdin), then exit 0 and the account has that password, the line ending left out', async () => {
    const stdinLogin = `admin.${randomBytes(4).toString('hex')}`;
    const res = await cli(['admin:create', '--login', stdinLogin, '--password-stdin'], `${password}\n`);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(await storedPasswordIs(stdinLogin, password)).toBe(true);
  });

  test('when the password comes from a file (--password-file), then exit 0 and the account has its first line', async () => {
    const fileLogin = `admin.${randomBytes(4).toString('hex')}`;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'admin-pass-')), 'haslo');
    writeFileSync(file, `${password}\r\nnext line is ignored\n`, { mode: 0o600 });
    const res = await cli(['admin:create', '--login', fileLogin, '--password-file', file]);
    expect(res.code).toBe(0);
    expect(await storedPasswordIs(fileLogin, password)).toBe(true);
  });

  test('when the file cannot be read, or two password sources are given, then exit 1 with a message', async () => {
    const missing = await cli(['admin:create', '--login', `admin.${randomBytes(4).toString('hex')}`, '--password-file', '/nonexistent/haslo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the password: ENOENT/);
    const both = await cli(['admin:create', '--login', `admin.${randomBytes(4).toString('hex')}`, '--password', password, '--password-stdin'], password);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/one of --password-stdin, --password-file or --password/);
  });

  test('when standard input holds a weak password, then exit 1 naming the password', async () => {
    const res = await cli(['admin:create', '--login', `admin.${randomBytes(4).toString('hex')}`, '--password-stdin'], 'password1234\n');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/password/);
  });
});
