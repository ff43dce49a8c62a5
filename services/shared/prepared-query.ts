import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a named prepared statement straight on the data source's pg pool: PostgreSQL parses and
 * plans it once per connection instead of on every call (PERFORMANCE.md: parsing and planning
 * are most of its CPU per job). For hot paths only; `name` must be unique per SQL text.
 */
export async function preparedQuery<R>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query({ name, text, values });
  return result.rows as R[];
}
