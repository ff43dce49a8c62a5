import type { EntityManager } from 'typeorm';
import { formatCaseNumber, officeYear } from './case-number';

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
  const rows: Array<{ last: number }> = await manager.query(
    `INSERT INTO case_counters (unit_id, jrwa_symbol, year, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (unit_id, jrwa_symbol, year) DO UPDATE SET last = case_counters.last + 1
     RETURNING last`,
    [unit.id, jrwaSymbol, year],
  );
  const seq = rows[0].last;
  return { number: formatCaseNumber({ unitSymbol: unit.symbol, jrwaSymbol, seq, year }), seq, year };
}
