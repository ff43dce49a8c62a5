import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

// `npm run migrate` as an operator runs it (the built code in dist/), against this file's
// database, which the test setup has already migrated: running it again changes nothing.
const root = path.join(__dirname, '..', '..');
const migrateJs = path.join(root, 'dist/services/cli/migrate.main.js');

function migrate(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [migrateJs],
      { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function appliedMigrations(): Promise<string[]> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY id`);
    return rows.map((r) => r.name);
  } finally {
    await db.end();
  }
}

beforeAll(() => {
  // A direct `npx jest` run skips `pretest`: build once if there is nothing to run.
  if (!existsSync(migrateJs)) execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root });
}, 120_000);

describe('npm run migrate', () => {
  test('when the database is already migrated and migrate runs twice, then both exit 0 saying it is up to date and no migration row is added', async () => {
    const before = await appliedMigrations();
    expect(before.length).toBeGreaterThan(0);

    for (const run of [1, 2]) {
      const res = await migrate();
      expect({ run, code: res.code, stdout: res.stdout, stderr: res.stderr }).toEqual({ run, code: 0, stdout: 'Database is up to date.\n', stderr: '' });
      expect(await appliedMigrations()).toEqual(before);
    }
  });
});
