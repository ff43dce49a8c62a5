import type { EntityManager } from 'typeorm';
import type { Unit } from '../../entities/unit.entity';
import { User } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** The fields of a new citizen account. */
export type NewCitizen = Pick<User, 'login' | 'email' | 'emailNormalized' | 'passwordHash' | 'firstName' | 'lastName' | 'termsVersion' | 'termsAcceptedAt'>;

/** The fields of a new staff account (active at once). */
export type NewStaffUser = Pick<User, 'login' | 'email' | 'passwordHash' | 'firstName' | 'lastName' | 'role' | 'unitId'>;

/** An active official offered as a responsible person, with their unit's symbol. */
export type OfficialListing = Pick<User, 'login' | 'firstName' | 'lastName'> & { unitSymbol: Unit['symbol'] };

/** True when an account has this login. */
export function loginExists(db: Db, login: string): Promise<boolean> {
  return db.getRepository(User).exists({ where: { login } });
}

/** The account of a (lower-cased) e-mail address, by id only. */
export function findUserIdByEmail(db: Db, emailNormalized: string): Promise<Pick<User, 'id'> | null> {
  return db.getRepository(User).findOne({ where: { emailNormalized }, select: { id: true } });
}

/** One account by id. */
export function findUserById(db: Db, id: string): Promise<User | null> {
  return db.getRepository(User).findOne({ where: { id } });
}

/** One account by login. */
export function findUserByLogin(db: Db, login: string): Promise<User | null> {
  return db.getRepository(User).findOne({ where: { login } });
}

/** An account's id and status by login. */
export function findUserStatusByLogin(db: Db, login: string): Promise<Pick<User, 'id' | 'status'> | null> {
  return db.getRepository(User).findOne({ where: { login }, select: { id: true, status: true } });
}

/** Locks an account by login for the rest of the transaction. */
export function lockUserByLogin(manager: EntityManager, login: string): Promise<User | null> {
  return manager.getRepository(User).findOne({ where: { login }, lock: { mode: 'pessimistic_write' } });
}

/** An account's login, or null when it is gone. */
export async function findLoginById(db: Db, id: string): Promise<string | null> {
  const rows: Array<Pick<User, 'login'>> = await db.query(`SELECT login FROM users WHERE id = $1`, [id]);
  return rows[0]?.login ?? null;
}

/** What authorising a staff member needs: their login, unit and status. */
export async function findActorFields(db: Db, id: string): Promise<Pick<User, 'login' | 'unitId' | 'status'> | null> {
  const rows: Array<Pick<User, 'login' | 'unitId' | 'status'>> = await db.query(
    `SELECT login, unit_id AS "unitId", status FROM users WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** An active official by login, with their unit. */
export async function findActiveOfficial(db: Db, login: string): Promise<Pick<User, 'id' | 'unitId'> | null> {
  const rows: Array<Pick<User, 'id' | 'unitId'>> = await db.query(
    `SELECT id, unit_id AS "unitId" FROM users WHERE login = $1 AND role = 'official' AND status = 'active'`,
    [login],
  );
  return rows[0] ?? null;
}

/** The symbol of a staff member's unit (officials have one), or null. */
export async function findUnitSymbolOfUser(db: Db, userId: string): Promise<string | null> {
  const rows: Array<Pick<Unit, 'symbol'>> = await db.query(`SELECT u.symbol FROM users s JOIN units u ON u.id = s.unit_id WHERE s.id = $1`, [userId]);
  return rows[0]?.symbol ?? null;
}

/** Active officials (of one unit, when given), by unit and name. */
export function listActiveOfficials(db: Db, unitSymbol?: string): Promise<OfficialListing[]> {
  return db.query(
    `SELECT u.login, u.first_name AS "firstName", u.last_name AS "lastName", n.symbol AS "unitSymbol"
       FROM users u JOIN units n ON n.id = u.unit_id
      WHERE u.role = 'official' AND u.status = 'active' AND ($1::text IS NULL OR n.symbol = $1)
      ORDER BY n.symbol, u.last_name, u.first_name`,
    [unitSymbol ?? null],
  );
}

/** Inserts a citizen's account, pending activation. */
export function insertCitizen(manager: EntityManager, citizen: NewCitizen): Promise<User> {
  return manager.getRepository(User).save({ ...citizen, role: 'citizen', status: 'pending_activation' });
}

/** Inserts an active staff account (no e-mails to it); returns its id. */
export async function insertStaffUser(manager: EntityManager, staff: NewStaffUser): Promise<string> {
  const rows: Array<Pick<User, 'id'>> = await manager.query(
    `INSERT INTO users (login, email, email_normalized, password_hash, first_name, last_name, role, unit_id, status, activated_at, notify_by_email)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', now(), false) RETURNING id`,
    [staff.login, staff.email, staff.email.toLowerCase(), staff.passwordHash, staff.firstName, staff.lastName, staff.role, staff.unitId],
  );
  return rows[0].id;
}

/** The id of the active account with this login, or null. */
export async function findActiveUserIdByLogin(db: Db, login: string): Promise<string | null> {
  const rows: Array<Pick<User, 'id'>> = await db.query(`SELECT id FROM users WHERE login = $1 AND status = 'active'`, [login]);
  return rows[0]?.id ?? null;
}

/** The id of the account pending activation with this login, or null. */
export async function findPendingUserIdByLogin(db: Db, login: string): Promise<string | null> {
  const rows: Array<Pick<User, 'id'>> = await db.query(`SELECT id FROM users WHERE login = $1 AND status = 'pending_activation'`, [login]);
  return rows[0]?.id ?? null;
}

/** Locks an account by id for the rest of the transaction. */
export function lockUserById(manager: EntityManager, id: string): Promise<User | null> {
  return manager.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** Stores a new password hash. */
export async function setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
  await manager.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
}

/** Stores a new e-mail address (the unique index refuses one another account has). */
export async function setEmail(manager: EntityManager, id: string, email: string): Promise<void> {
  await manager.query(`UPDATE users SET email = $2, email_normalized = $3 WHERE id = $1`, [id, email, email.toLowerCase()]);
}

/**
 * Deletes registrations never activated within `hours` that hold this login or address, so that
 * their owner (or anyone) can register with them again. Such an account never logged in: it has
 * no messages, letters or cases, only its activation codes (deleted with it).
 */
export async function deleteStalePendingAccounts(db: Db, login: string, emailNormalized: string, hours: number): Promise<void> {
  await db.query(
    `DELETE FROM users
      WHERE status = 'pending_activation' AND created_at < now() - make_interval(hours => $3)
        AND (login = $1 OR email_normalized = $2)`,
    [login, emailNormalized, hours],
  );
}

/** Marks an account active. */
export async function markUserActivated(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE users SET status = 'active', activated_at = now() WHERE id = $1`, [id]);
}

/** Sets whether the citizen wants "new message" e-mails. */
export async function setNotifyByEmail(db: Db, id: string, notifyByEmail: boolean): Promise<void> {
  await db.getRepository(User).update({ id }, { notifyByEmail });
}

/** True when the citizen wants "new message" e-mails. */
export async function wantsEmail(db: Db, userId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM users WHERE id = $1 AND notify_by_email`, [userId]);
  return rows.length > 0;
}

/**
 * Takes the citizen's throttled e-mail slot when it is free (none sent in `minutes`) and they
 * want e-mails. One conditional update: concurrent answers for one citizen cannot both win it.
 */
export async function claimStatusMailSlot(db: Db, userId: string, minutes: number): Promise<boolean> {
  // TypeORM answers an UPDATE with [rows, affected count], not with the rows themselves.
  const [updated]: [unknown[], number] = await db.query(
    `UPDATE users SET last_status_mail_at = now()
      WHERE id = $1 AND notify_by_email
        AND (last_status_mail_at IS NULL OR last_status_mail_at <= now() - make_interval(mins => $2))
      RETURNING id`,
    [userId, minutes],
  );
  return updated.length > 0;
}
