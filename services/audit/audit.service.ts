import type { DataSource, EntityManager } from 'typeorm';

/** One audit record: never a password, token, key or code in `details`. */
export interface AuditRecord {
  actor: string;
  action: string;
  subject?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log, inside the caller's transaction when one is given. */
export async function audit(db: DataSource | EntityManager, record: AuditRecord): Promise<void> {
  await db.query(`INSERT INTO audit_entries (actor, action, subject, ip, details) VALUES ($1, $2, $3, $4, $5)`, [
    record.actor,
    record.action,
    record.subject ?? null,
    record.ip ?? null,
    record.details ?? {},
  ]);
}
