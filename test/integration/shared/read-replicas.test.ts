import type { DataSource } from 'typeorm';
import { config } from '../../../config/config';
import { createDataSource } from '../../../entities/data-source';
import { replicaReadFallbacks } from '../../../services/shared/metrics';
import { ReadReplicas } from '../../../services/shared/read-replicas';
import { freePort } from '../../support/ports';

// The rules of ReadReplicas on the shared server: this file's database stands in for a replica
// (sessions read-only), and a port nobody listens on for one that is down. The drill with a real
// streaming replica is test/integration/faults/postgres-replica.test.ts.
let primary: DataSource;
const opened: ReadReplicas[] = [];

/** The database a read ran on, as its session sees it. */
const where = (db: { query: DataSource['query'] }) =>
  db.query(`SELECT current_setting('application_name') AS app, current_setting('transaction_read_only') AS ro`).then(([row]: Array<{ app: string; ro: string }>) => row);

function replicas(urls: string[]): ReadReplicas {
  const reads = ReadReplicas.of(primary, urls, 2);
  opened.push(reads);
  return reads;
}

async function fallbacks(): Promise<number> {
  return (await replicaReadFallbacks.get()).values[0]?.value ?? 0;
}

beforeAll(async () => {
  primary = await createDataSource(config().databaseUrl, 2).initialize();
});
afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
  await primary.destroy();
});

describe('ReadReplicas', () => {
  test('when no replica is configured, then every read runs on the primary', async () => {
    const reads = replicas([]);
    expect(await reads.read(where)).toEqual({ app: expect.not.stringContaining('replica'), ro: 'off' });
  });

  test('when a replica answers, then the read runs there, in a read-only session', async () => {
    const reads = replicas([config().databaseUrl]);
    expect(await reads.read(where)).toEqual({ app: 'case-status:replica-read', ro: 'on' });
  });

  test('when two replicas answer, then reads take turns', async () => {
    // Two databases of the shared server stand in for two replicas: the name tells which answered.
    const other = new URL(config().databaseUrl);
    other.pathname = '/postgres';
    const reads = replicas([config().databaseUrl, other.toString()]);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) names.push(await reads.read((db) => db.query(`SELECT current_database() AS name`).then(([row]) => row.name)));
    const mine = new URL(config().databaseUrl).pathname.slice(1);
    expect(names).toEqual([mine, 'postgres', mine, 'postgres']);
  });

  test('when the replica is down, then the primary answers at once, the fallback is counted, and the replica is left alone for a while', async () => {
    const down = `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`;
    const reads = replicas([down]);
    const before = await fallbacks();
    expect(await reads.read(where)).toMatchObject({ ro: 'off' });
    expect(await fallbacks()).toBe(before + 1);
    // Within the retry pause the replica is not asked again: no second fallback.
    const started = Date.now();
    expect(await reads.read(where)).toMatchObject({ ro: 'off' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await fallbacks()).toBe(before + 1);
  });

  test('when the replica URL names a database that does not exist, then the primary answers', async () => {
    const url = new URL(config().databaseUrl);
    url.pathname = '/no_such_database_here';
    const reads = replicas([url.toString()]);
    expect(await reads.read(where)).toMatchObject({ ro: 'off' });
  });

  test('when the read itself is wrong, then its error surfaces and the primary is not asked', async () => {
    const reads = replicas([config().databaseUrl]);
    const ran: string[] = [];
    await expect(
      reads.read(async (db) => {
        ran.push((await where(db)).ro);
        return db.query('SELECT no_such_column FROM users');
      }),
    ).rejects.toThrow(/no_such_column/);
    expect(ran).toEqual(['on']);
  });

  test('when a write is sent to a replica by mistake, then the read-only session refuses it and it is not retried on the primary', async () => {
    const reads = replicas([config().databaseUrl]);
    const before = await primary.query(`SELECT count(*)::int AS n FROM units`);
    await expect(reads.read((db) => db.query(`INSERT INTO units (symbol, name) VALUES ('ZZ', 'Nie')`))).rejects.toThrow(/read-only transaction/);
    expect(await primary.query(`SELECT count(*)::int AS n FROM units`)).toEqual(before);
  });
});
