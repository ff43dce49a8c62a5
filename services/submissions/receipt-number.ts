import type { EntityManager } from 'typeorm';
import { officeYear } from '../cases/case-number';

/**
 * Allocates the next ESP receipt number of the year, `ESP/2026/000001`, inside the caller's
 * transaction: gap-free for the same reason as case numbers (the counter row is locked until
 * commit, and a rollback returns the number).
 */
export async function allocateReceiptNumber(manager: EntityManager, at: Date): Promise<string> {
  const year = officeYear(at);
  const rows: Array<{ last: number }> = await manager.query(
    `INSERT INTO receipt_counters (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = receipt_counters.last + 1 RETURNING last`,
    [year],
  );
  return `ESP/${year}/${String(rows[0].last).padStart(6, '0')}`;
}
