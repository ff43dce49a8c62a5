import type { DataSource } from 'typeorm';
import { createDataSource } from '../../entities/data-source';

/** Applies pending migrations (idempotent); returns the names applied now. */
export async function migrate(dataSource?: DataSource): Promise<string[]> {
  const ds = dataSource ?? createDataSource(undefined, 2);
  if (!ds.isInitialized) await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (!dataSource) await ds.destroy();
  }
}
