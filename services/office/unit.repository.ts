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
