import 'reflect-metadata';
// Indexes and constraints live in the migrations, the one source of truth for the schema.
import path from 'node:path';
import { DataSource } from 'typeorm';

/**
 * The one TypeORM data source. Entities and migrations are found by file name, so a new
 * `*.entity.ts` or migration needs no registration here. Schema changes are migrations only.
 */
export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [path.join(__dirname, '*.entity.{ts,js}')],
    migrations: [path.join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: poolSize },
  });
}
