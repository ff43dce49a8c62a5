import 'reflect-metadata';
// Indexes and constraints live in the migrations, the one source of truth for the schema.
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';

const COMMON = {
  type: 'postgres',
  entities: [path.join(__dirname, '*.entity.{ts,js}')],
  synchronize: false,
  logging: false,
} satisfies DataSourceOptions;

/**
 * The data source on the primary (every write, and every read by default). Entities and migrations are found by file name, so a new
 * `*.entity.ts` or migration needs no registration here. Schema changes are migrations only.
 */
export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    ...COMMON,
    url,
    migrations: [path.join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    extra: { max: poolSize },
  });
}

/** How long a read waits for a connection to a replica before the primary answers instead. */
const REPLICA_CONNECT_TIMEOUT_MS = 2000;

/**
 * A data source on a read replica, with the same entities. Its sessions are read-only, so a
 * replica URL that names a primary by mistake still cannot take a write; no extension is
 * installed (a standby refuses the DDL), and a replica that does not answer is given up on quickly.
 */
export function createReplicaDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    ...COMMON,
    url,
    installExtensions: false,
    applicationName: 'case-status:replica-read',
    extra: { max: poolSize, connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS, options: '-c default_transaction_read_only=on' },
  });
}
