import type { EntityManager } from 'typeorm';
import { formatCaseNumber, officeYear } from './case-number';
import { nextCaseSeq } from './case.repository';

/**
 * Allocates the next case number of a unit, JRWA class and year inside the caller's
 * transaction. The counter row stays locked until that transaction ends, so concurrent
 * registrars queue on it: no gap (a rollback returns the number) and no repeat.
 */
export async function allocateCaseNumber(
  manager: EntityManager,
  unit: { id: string; symbol: string },
  jrwaSymbol: string,
  startedAt: Date,
): Promise<{ number: string; seq: number; year: number }> {
  const year = officeYear(startedAt);
  const seq = await nextCaseSeq(manager, { unitId: unit.id, jrwaSymbol, year });
  return { number: formatCaseNumber({ unitSymbol: unit.symbol, jrwaSymbol, seq, year }), seq, year };
}
