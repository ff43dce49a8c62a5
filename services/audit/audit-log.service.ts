import type { DataSource } from 'typeorm';
import { listAuditEntries } from './audit.repository';
import type { AuditQuery } from './audit.schemas';

/** The audit log as admins read it. */
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the audit log, newest first, with the total of the filter. */
  async list(query: AuditQuery) {
    const { entries, total } = await listAuditEntries(this.dataSource, query);
    return {
      items: entries.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, subject: e.subject, ip: e.ip, details: e.details })),
      total,
    };
  }
}
