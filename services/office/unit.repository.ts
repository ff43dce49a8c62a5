import type { EntityManager } from 'typeorm';
import { Unit } from '../../entities/unit.entity';
import type { Db } from '../shared/database';

/** A unit as the API shows it. */
export type UnitView = Pick<Unit, 'id' | 'symbol' | 'name' | 'phone' | 'email'>;

/** Inserts a unit; returns it. */
export async function insertUnit(manager: EntityManager, unit: Pick<Unit, 'symbol' | 'name' | 'phone' | 'email'>): Promise<UnitView> {
  const rows: UnitView[] = await manager.query(
    `INSERT INTO units (symbol, name, phone, email) VALUES ($1, $2, $3, $4) RETURNING id, symbol, name, phone, email`,
    [unit.symbol, unit.name, unit.phone, unit.email],
  );
  return rows[0];
}

/** Every unit, by symbol. */
export function listUnits(db: Db): Promise<UnitView[]> {
  return db.getRepository(Unit).find({ select: { id: true, symbol: true, name: true, phone: true, email: true }, order: { symbol: 'ASC' } });
}

/** One unit by symbol, or null. */
export function findUnitBySymbol(db: Db, symbol: string): Promise<Pick<Unit, 'id' | 'symbol'> | null> {
  return db.getRepository(Unit).findOne({ where: { symbol }, select: { id: true, symbol: true } });
}

/** Changes a unit's name, phone or e-mail (null clears the last two); returns it, or null when there is no such unit. */
export async function updateUnit(manager: EntityManager, symbol: string, changes: Partial<Pick<Unit, 'name' | 'phone' | 'email'>>): Promise<UnitView | null> {
  const sets: string[] = [];
  const params: unknown[] = [symbol];
  for (const column of ['name', 'phone', 'email'] as const) {
    if (changes[column] !== undefined) sets.push(`${column} = $${params.push(changes[column])}`);
  }
  const rows: UnitView[] = await manager.query(
    sets.length
      ? `UPDATE units SET ${sets.join(', ')} WHERE symbol = $1 RETURNING id, symbol, name, phone, email`
      : `SELECT id, symbol, name, phone, email FROM units WHERE symbol = $1`,
    params,
  );
  // An UPDATE answers [rows, count] through TypeORM, a SELECT the rows.
  const found = sets.length ? (rows as unknown as [UnitView[], number])[0] : rows;
  return found[0] ?? null;
}
