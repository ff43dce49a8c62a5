import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

// `npm run cli -- admin:create` as an operator runs it: the built CLI (the `pretest` script
// builds dist/), against this run's database.
const root = path.join(__dirname, '..', '..');
const cliJs = path.join(root, 'dist/services/cli/cli.main.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliJs, ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
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
});
