import { AuditEntry } from '../../entities/audit-entry.entity';
import type { Db } from '../shared/database';
import { OFFICE_TIME_ZONE } from '../shared/office-time';

/** A new audit entry: never a password, token, key or code in `details`. */
export type NewAuditEntry = Pick<AuditEntry, 'actor' | 'action'> & Partial<Pick<AuditEntry, 'subject' | 'ip' | 'details'>>;

/** An audit entry as admins read it. */
export type AuditEntryView = Pick<AuditEntry, 'at' | 'actor' | 'action' | 'subject' | 'ip' | 'details'>;

/** Which entries an admin asked for, and which page of them. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  /** Calendar days (`YYYY-MM-DD`) in the office's time zone, both inclusive. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Appends one entry, inside the caller's transaction when one is given. */
export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.query(`INSERT INTO audit_entries (actor, action, subject, ip, details) VALUES ($1, $2, $3, $4, $5)`, [
    entry.actor,
    entry.action,
    entry.subject ?? null,
    entry.ip ?? null,
    entry.details ?? {},
  ]);
}

/** A page of entries, newest first, with the total of the filter (one query for both). */
export async function listAuditEntries(db: Db, filter: AuditFilter): Promise<{ entries: AuditEntryView[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.actor) where.push(`actor = $${params.push(filter.actor)}`);
  if (filter.action) where.push(`action = $${params.push(filter.action)}`);
  if (filter.from) where.push(`at >= ($${params.push(filter.from)}::date)::timestamp AT TIME ZONE '${OFFICE_TIME_ZONE}'`);
  if (filter.to) where.push(`at < ($${params.push(filter.to)}::date + 1)::timestamp AT TIME ZONE '${OFFICE_TIME_ZONE}'`);
  const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = params.push(filter.limit);
  const offset = params.push(filter.offset);
  const rows: Array<AuditEntryView & { total: number }> = await db.query(
    `SELECT at, actor, action, subject, ip, details, count(*) OVER ()::int AS total
       FROM audit_entries ${condition} ORDER BY at DESC, id DESC LIMIT $${limit} OFFSET $${offset}`,
    params,
  );
  // A page past the end has no row to carry the window count: only then count apart.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && filter.offset > 0) {
    const counted: Array<{ total: number }> = await db.query(`SELECT count(*)::int AS total FROM audit_entries ${condition}`, params.slice(0, limit - 1));
    total = counted[0].total;
  }
  return { entries: rows.map(({ total: _total, ...entry }) => entry), total };
}
