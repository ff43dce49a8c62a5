import { Client } from 'pg';

/** The server the tests create their throwaway databases on (the database name is replaced). */
export function baseDatabaseUrl(): URL {
  return new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
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
