import type { EntityManager } from 'typeorm';
import { officeYear } from '../cases/case-number';
import { nextReceiptSeq } from './submission.repository';

/**
 * Allocates the next ESP receipt number of the year, `ESP/2026/000001`, inside the caller's
 * transaction: gap-free for the same reason as case numbers (the counter row is locked until
 * commit, and a rollback returns the number).
 */
export async function allocateReceiptNumber(manager: EntityManager, at: Date): Promise<string> {
  const year = officeYear(at);
  const last = await nextReceiptSeq(manager, year);
  return `ESP/${year}/${String(last).padStart(6, '0')}`;
}
