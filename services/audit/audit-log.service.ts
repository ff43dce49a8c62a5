import type { DataSource } from 'typeorm';
import type { AuditQuery } from './audit.schemas';

interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  total: number;
}

/** A page of the audit log for admins, newest first, with the total of the filter. */
export async function listAudit(dataSource: DataSource, query: AuditQuery) {
  const params: unknown[] = [];
  const where: string[] = [];
  if (query.actor) where.push(`actor = $${params.push(query.actor)}`);
  if (query.action) where.push(`action = $${params.push(query.action)}`);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = params.push(query.limit);
  const offset = params.push(query.offset);
  const rows: AuditRow[] = await dataSource.query(
    `SELECT at, actor, action, subject, ip, details, count(*) OVER ()::int AS total
       FROM audit_entries ${filter} ORDER BY at DESC, id DESC LIMIT $${limit} OFFSET $${offset}`,
    params,
  );
  // A page past the end has no row to carry the window count: only then count apart.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.offset > 0) {
    const counted: Array<{ total: number }> = await dataSource.query(`SELECT count(*)::int AS total FROM audit_entries ${filter}`, params.slice(0, limit - 1));
    total = counted[0].total;
  }
  return {
    items: rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, ip: r.ip, details: r.details })),
    total,
  };
}
