import { Client } from 'pg';

/** The server the tests create their throwaway databases on (the database name is replaced). */
export function baseDatabaseUrl(): URL {
  const url = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  // As the service does (config.ts): a password given apart, of any characters.
  if (process.env.DATABASE_PASSWORD) url.password = encodeURIComponent(process.env.DATABASE_PASSWORD);
  return url;
}

/** Runs one statement on the server's maintenance database. */
export async function onMaintenanceDb(sql: string): Promise<void> {
  const url = baseDatabaseUrl();
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The name of the current test file's database (set by per-file-env.ts). */
function fileDatabaseName(): string | undefined {
  const name = new URL(process.env.DATABASE_URL ?? '').pathname.slice(1);
  return name && name !== process.env.CASE_STATUS_TEST_DB ? name : undefined;
}

/**
 * Creates the test file's database as a copy of the run's migrated one. PostgreSQL refuses to
 * copy a template while another copy of it starts, so a refusal of that kind is tried again.
 */
export async function createFileDatabase(): Promise<void> {
  const name = fileDatabaseName();
  const template = process.env.CASE_STATUS_TEST_DB;
  if (!name || !template) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await onMaintenanceDb(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      const busy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!busy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Names of every database this run created (the run's and its files'). */
export async function runDatabases(run: string): Promise<string[]> {
  const url = baseDatabaseUrl();
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2 ESCAPE '!'`,
      [run, `${run.replace(/[!_%]/g, '!$&')}!_%`],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}
