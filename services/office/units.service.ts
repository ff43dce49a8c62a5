import type { DataSource } from 'typeorm';
import { uniqueViolation } from '../accounts/account.service';
import { createStaffAccount } from '../accounts/staff-accounts';
import { audit } from '../audit/audit.service';
import type { Actor } from '../audit/actor';
import { AppError } from '../shared/app-error';
import type { CreateStaffInput, CreateUnitInput } from './office.schemas';

interface UnitRow {
  id: string;
  symbol: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/** Organisational units and staff accounts, run by admins. */
export class UnitsService {
  constructor(private readonly dataSource: DataSource) {}

  async createUnit(actor: Actor, input: CreateUnitInput): Promise<UnitRow> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows: UnitRow[] = await manager.query(
          `INSERT INTO units (symbol, name, phone, email) VALUES ($1, $2, $3, $4) RETURNING id, symbol, name, phone, email`,
          [input.symbol, input.name, input.phone ?? null, input.email ?? null],
        );
        await audit(manager, { actor: actor.login, action: 'unit.created', subject: input.symbol, ip: actor.ip, details: { name: input.name } });
        return rows[0];
      });
    } catch (error) {
      if (uniqueViolation(error) === 'units_symbol_key') throw AppError.conflict('unit_exists', `Komórka ${input.symbol} już istnieje.`);
      throw error;
    }
  }

  async listUnits(): Promise<{ items: UnitRow[] }> {
    const items: UnitRow[] = await this.dataSource.query(`SELECT id, symbol, name, phone, email FROM units ORDER BY symbol`);
    return { items };
  }

  /** Active officials (of one unit, when given), for choosing a responsible person. */
  async listOfficials(unitSymbol?: string): Promise<Array<{ login: string; firstName: string; lastName: string; unitSymbol: string }>> {
    return this.dataSource.query(
      `SELECT u.login, u.first_name AS "firstName", u.last_name AS "lastName", n.symbol AS "unitSymbol"
         FROM users u JOIN units n ON n.id = u.unit_id
        WHERE u.role = 'official' AND u.status = 'active' AND ($1::text IS NULL OR n.symbol = $1)
        ORDER BY n.symbol, u.last_name, u.first_name`,
      [unitSymbol ?? null],
    );
  }

  async createStaff(actor: Actor, input: CreateStaffInput): Promise<{ id: string; login: string; role: string }> {
    return this.dataSource.transaction(async (manager) => {
      let unitId: string | null = null;
      if (input.unitSymbol) {
        const units: Array<{ id: string }> = await manager.query(`SELECT id FROM units WHERE symbol = $1`, [input.unitSymbol]);
        if (units.length === 0) throw AppError.notFound(`Nie ma komórki ${input.unitSymbol}.`);
        unitId = units[0].id;
      }
      const created = await createStaffAccount(manager, { ...input, unitId });
      await audit(manager, { actor: actor.login, action: 'staff.created', subject: created.login, ip: actor.ip, details: { role: created.role, unitSymbol: input.unitSymbol ?? null } });
      return created;
    });
  }
}
