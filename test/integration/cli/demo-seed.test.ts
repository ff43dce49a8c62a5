import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { accessKeyHash } from '../../../services/cases/access-keys';

const root = join(__dirname, '../../..');
const cliJs = join(root, 'dist/services/cli/cli.main.js');

/** The newest modification time of any TypeScript source the build compiles. */
function newestSource(dir = root, relative = ['config', 'entities', 'services', 'workers']): number {
  let newest = 0;
  for (const top of relative) {
    const walk = (path: string) => {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        const full = join(path, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
      }
    };
    walk(join(dir, top));
  }
  return newest;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliJs, ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, QUEUE_PREFIX: process.env.QUEUE_PREFIX, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let db: Client;

beforeAll(async () => {
  // `npm test` builds first (pretest); a direct jest run may find dist missing or older than the sources.
  if (!existsSync(cliJs) || statSync(cliJs).mtimeMs < newestSource()) {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  }
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
}, 180_000);

afterAll(async () => {
  await db.end();
  // The CLI enqueued jobs under this file's prefix: remove them.
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
});

const LOGINS = ['demo.admin', 'demo.kancelaria', 'demo.referent.gn', 'demo.referent.usc', 'demo.obywatel'];

// A complete production configuration (every required variable, real-looking secrets).
const PRODUCTION = {
  NODE_ENV: 'production',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'Urząd <no-reply@urzad.example>',
  PUBLIC_URL: 'https://sprawy.urzad.example',
  JWT_SECRET: 'a-production-secret-of-at-least-32-characters-1',
  ACCESS_KEY_PEPPER: 'a-production-pepper-of-at-least-32-characters-2',
  RECEIPT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

describe('npm run cli -- demo:seed', () => {
  test('when the configuration is production and --public-demo is not given, then it refuses with exit 1 and creates nothing', async () => {
    const refused = await runCli(['demo:seed'], PRODUCTION);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--public-demo');
    const users = await db.query(`SELECT 1 FROM users WHERE login = ANY($1)`, [LOGINS]);
    expect(users.rows).toHaveLength(0);
  });

  test('when run on a fresh database, then it exits 0, prints every login with its password and a working access key, and a second run also succeeds', async () => {
    const first = await runCli(['demo:seed']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const login of LOGINS) expect(first.stdout).toMatch(new RegExp(`login: ${login.replace(/\./g, '\\.')}\\s+hasło/password: \\S{12,}`));
    for (const unit of ['GN', 'OR', 'USC']) expect(first.stdout).toMatch(new RegExp(`^\\s+${unit}\\s`, 'm'));

    const users = await db.query(`SELECT login, role, status FROM users WHERE login = ANY($1) ORDER BY login`, [LOGINS]);
    expect(users.rows).toEqual([
      { login: 'demo.admin', role: 'admin', status: 'active' },
      { login: 'demo.kancelaria', role: 'registrar', status: 'active' },
      { login: 'demo.obywatel', role: 'citizen', status: 'active' },
      { login: 'demo.referent.gn', role: 'official', status: 'active' },
      { login: 'demo.referent.usc', role: 'official', status: 'active' },
    ]);

    const paper = /wniosku papierowego \/ Case from a paper application: (\S+)/.exec(first.stdout);
    const key = /Internet access key: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(first.stdout);
    expect(paper && key).toBeTruthy();
    const live = await db.query(
      `SELECT k.key_hash FROM access_keys k JOIN cases c ON c.id = k.case_id WHERE c.number = $1 AND k.revoked_at IS NULL`,
      [paper![1]],
    );
    expect(live.rows).toEqual([{ key_hash: accessKeyHash(key![1]) }]);

    const fromEsp = /Case from an ESP submission: (\S+)/.exec(first.stdout);
    const espCase = await db.query(
      `SELECT s.status, s.request_access_key FROM cases c JOIN submissions s ON s.id = c.submission_id JOIN users u ON u.id = s.user_id
        WHERE c.number = $1 AND u.login = 'demo.obywatel'`,
      [fromEsp![1]],
    );
    expect(espCase.rows).toEqual([{ status: 'registered', request_access_key: true }]);
    // Its correspondence both ways: a letter from the office and a call that awaits the citizen.
    const correspondence = () =>
      db.query(
        `SELECT c.status, (SELECT count(*)::int FROM case_calls k WHERE k.case_id = c.id AND k.status = 'open') AS open_calls,
                (SELECT count(*)::int FROM case_letters l WHERE l.case_id = c.id) AS letters
           FROM cases c WHERE c.number = $1`,
        [fromEsp![1]],
      );
    expect((await correspondence()).rows).toEqual([{ status: 'awaiting_applicant', open_calls: 1, letters: 1 }]);

    const second = await runCli(['demo:seed']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    for (const login of LOGINS) expect(second.stdout).toContain(`login: ${login}`);
    expect(second.stdout).toContain(paper![1]);
    expect(second.stdout).toContain(fromEsp![1]);
    const counts = await db.query(
      `SELECT (SELECT count(*)::int FROM users WHERE login = ANY($1)) AS users,
              (SELECT count(*)::int FROM units WHERE symbol IN ('GN', 'OR', 'USC')) AS units,
              (SELECT count(*)::int FROM cases c JOIN units u ON u.id = c.unit_id WHERE u.symbol = 'GN') AS cases`,
      [LOGINS],
    );
    expect(counts.rows[0]).toEqual({ users: 5, units: 3, cases: 2 });
    expect((await correspondence()).rows).toEqual([{ status: 'awaiting_applicant', open_calls: 1, letters: 1 }]);
    // The second run's key is the paper case's one live key.
    const newKey = /Internet access key: (\S+)/.exec(second.stdout)![1];
    const liveAfter = await db.query(
      `SELECT k.key_hash FROM access_keys k JOIN cases c ON c.id = k.case_id WHERE c.number = $1 AND k.revoked_at IS NULL`,
      [paper![1]],
    );
    expect(liveAfter.rows).toEqual([{ key_hash: accessKeyHash(newKey) }]);
  }, 120_000);
});
