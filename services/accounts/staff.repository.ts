import type { EntityManager } from 'typeorm';
import type { AccountStatus, Role } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** A staff account as the admin's list shows it (`email` null when none was given). */
export interface StaffView {
  id: string;
  login: string;
  role: Role;
  firstName: string;
  lastName: string;
  unitSymbol: string | null;
  email: string | null;
  status: AccountStatus;
  mfa: boolean;
}

// Staff created without an address carry `<login>@staff.invalid` (staff-accounts.ts): shown as none.
const STAFF_COLUMNS = `u.id, u.login, u.role, u.first_name AS "firstName", u.last_name AS "lastName", n.symbol AS "unitSymbol",
  CASE WHEN u.email_normalized LIKE '%.invalid' THEN NULL ELSE u.email END AS email, u.status, u.mfa_enabled_at IS NOT NULL AS mfa`;

/** Every staff account, by last name, first name and login. */
export function listStaff(db: Db): Promise<StaffView[]> {
  return db.query(
    `SELECT ${STAFF_COLUMNS} FROM users u LEFT JOIN units n ON n.id = u.unit_id
      WHERE u.role <> 'citizen' ORDER BY u.last_name, u.first_name, u.login`,
  );
}

/** One staff account, or null (a citizen's id is none). */
export async function findStaff(db: Db, id: string): Promise<StaffView | null> {
  const rows: StaffView[] = await db.query(`SELECT ${STAFF_COLUMNS} FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.id = $1 AND u.role <> 'citizen'`, [id]);
  return rows[0] ?? null;
}

/** Locks one staff account for the rest of the transaction; null for none (or a citizen). */
export async function lockStaff(manager: EntityManager, id: string): Promise<{ id: string; login: string; role: Role; status: AccountStatus; unitId: string | null } | null> {
  const rows: Array<{ id: string; login: string; role: Role; status: AccountStatus; unitId: string | null }> = await manager.query(
    `SELECT id, login, role, status, unit_id AS "unitId" FROM users WHERE id = $1 AND role <> 'citizen' FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Locks every active admin (in id order, so two transactions never wait on each other in a
 * circle) and returns their ids. A transaction that demotes or disables one of them holds these
 * locks until it commits; a second one waiting for them then sees the committed change
 * (PostgreSQL re-checks a locked row's conditions after the wait), so two admins cannot each
 * remove the other as "not the last one".
 */
export async function lockActiveAdmins(manager: EntityManager): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`);
  return rows.map((r) => r.id);
}

/** The changes an admin may make to a staff account. */
export interface StaffChanges {
  status?: Extract<AccountStatus, 'active' | 'disabled'>;
  role?: Exclude<Role, 'citizen'>;
  unitId?: string | null;
  email?: string;
}

/** Writes the given changes to one account. */
export async function updateStaff(manager: EntityManager, id: string, changes: StaffChanges): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  if (changes.status !== undefined) sets.push(`status = $${params.push(changes.status)}`);
  if (changes.role !== undefined) sets.push(`role = $${params.push(changes.role)}`);
  if (changes.unitId !== undefined) sets.push(`unit_id = $${params.push(changes.unitId)}`);
  if (changes.email !== undefined) {
    sets.push(`email = $${params.push(changes.email)}`);
    sets.push(`email_normalized = $${params.push(changes.email.toLowerCase())}`);
  }
  if (sets.length) await manager.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
}

/** Switches two-step login off for an account (the admin's reset): secret, confirmation and last step gone. */
export async function clearMfa(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE users SET mfa_secret = NULL, mfa_enabled_at = NULL, mfa_last_step = NULL WHERE id = $1`, [id]);
}
