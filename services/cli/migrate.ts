import type { DataSource } from 'typeorm';
import { createDataSource } from '../../entities/data-source';

/** Applies pending migrations (idempotent) to a data source or a database URL; returns the names applied now. */
export async function migrate(target: DataSource | string): Promise<string[]> {
  const dataSource = typeof target === 'string' ? undefined : target;
  const ds = dataSource ?? createDataSource(target as string, 2);
  if (!ds.isInitialized) await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (!dataSource) await ds.destroy();
  }
}
