import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Role } from '../../entities/user.entity';
import type { Principal } from '../auth/token.service';
import { AppError } from '../shared/app-error';

/** Who acts, for authorisation and the audit log. */
export interface Actor {
  userId: string;
  login: string;
  role: Role;
  /** The official's unit, for the unit rule on cases. */
  unitId: string | null;
  ip: string | null;
}

/** Loads the acting staff member behind a verified token (a removed account is refused). */
export async function actorOf(dataSource: DataSource, principal: Principal, req: Request): Promise<Actor> {
  const rows: Array<{ login: string; unit_id: string | null; status: string }> = await dataSource.query(
    `SELECT login, unit_id, status FROM users WHERE id = $1`,
    [principal.userId],
  );
  if (rows.length === 0 || rows[0].status !== 'active') throw AppError.unauthorized();
  return { userId: principal.userId, login: rows[0].login, role: principal.role, unitId: rows[0].unit_id, ip: req.ip ?? null };
}
