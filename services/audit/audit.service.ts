import type { Db } from '../shared/database';
import { insertAuditEntry, type NewAuditEntry } from './audit.repository';

/** One audit record: never a password, token, key or code in `details`. */
export type AuditRecord = NewAuditEntry;

/** Appends to the audit log, inside the caller's transaction when one is given. */
export async function audit(db: Db, record: AuditRecord): Promise<void> {
  await insertAuditEntry(db, record);
}
