import type { DataSource } from 'typeorm';
import { createStaffAccount } from '../accounts/staff-accounts';
import { findUnitSymbolOfUser, listActiveOfficials, type OfficialListing } from '../accounts/user.repository';
import { audit } from '../audit/audit.service';
import type { Actor } from '../audit/actor';
import { AppError } from '../shared/app-error';
import { uniqueViolation } from '../shared/database';
import type { CreateStaffInput, CreateUnitInput } from './office.schemas';
import type { UpdateUnitInput } from './staff-admin.schemas';
import { findUnitBySymbol, insertUnit, listUnits, updateUnit, type UnitView } from './unit.repository';

/** Organisational units and staff accounts, run by admins. */
export class UnitsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a unit; a symbol already taken is 409. */
  async createUnit(actor: Actor, input: CreateUnitInput): Promise<UnitView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const unit = await insertUnit(manager, { symbol: input.symbol, name: input.name, phone: input.phone ?? null, email: input.email ?? null });
        await audit(manager, { actor: actor.login, action: 'unit.created', subject: input.symbol, ip: actor.ip, details: { name: input.name } });
        return unit;
      });
    } catch (error) {
      if (uniqueViolation(error) === 'units_symbol_key') throw AppError.conflict('unit_exists', `Komórka ${input.symbol} już istnieje.`);
      throw error;
    }
  }

  /** Changes a unit's name, phone or e-mail; 404 for an unknown symbol. */
  async updateUnit(actor: Actor, symbol: string, input: UpdateUnitInput): Promise<UnitView> {
    return this.dataSource.transaction(async (manager) => {
      const unit = await updateUnit(manager, symbol, input);
      if (!unit) throw AppError.notFound(`Nie ma komórki ${symbol}.`);
      await audit(manager, { actor: actor.login, action: 'unit.updated', subject: symbol, ip: actor.ip, details: { ...input } });
      return unit;
    });
  }

  /** Every unit, by symbol. */
  async listUnits(): Promise<{ items: UnitView[] }> {
    return { items: await listUnits(this.dataSource) };
  }

  /** Active officials (of one unit, when given), for choosing a responsible person. */
  async listOfficials(unitSymbol?: string): Promise<OfficialListing[]> {
    return listActiveOfficials(this.dataSource, unitSymbol);
  }

  /** The symbol of a staff member's unit (officials have one), or null. */
  async unitSymbolOf(userId: string): Promise<string | null> {
    return findUnitSymbolOfUser(this.dataSource, userId);
  }

  /** Creates an active staff account, in the given unit when one is named. */
  async createStaff(actor: Actor, input: CreateStaffInput): Promise<{ id: string; login: string; role: string }> {
    return this.dataSource.transaction(async (manager) => {
      let unitId: string | null = null;
      if (input.unitSymbol) {
        const unit = await findUnitBySymbol(manager, input.unitSymbol);
        if (!unit) throw AppError.notFound(`Nie ma komórki ${input.unitSymbol}.`);
        unitId = unit.id;
      }
      const created = await createStaffAccount(manager, { ...input, unitId });
      await audit(manager, { actor: actor.login, action: 'staff.created', subject: created.login, ip: actor.ip, details: { role: created.role, unitSymbol: input.unitSymbol ?? null } });
      return created;
    });
  }
}
