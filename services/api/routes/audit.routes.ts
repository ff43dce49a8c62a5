import type { AuditLogService } from '../../audit/audit-log.service';
import { auditList, auditQuery } from '../../audit/audit.schemas';
import type { ApiRouter } from '../api-router';
import { authProblems, problems } from '../../http/problem.schema';

/** The audit log, for admins. */
export function auditRoutes(api: ApiRouter, auditLog: AuditLogService): void {
  api.route({
    method: 'get',
    path: '/admin/audit',
    summary: 'Dziennik zdarzeń: działania pracowników i próby logowania, od najnowszych',
    tags: ['Administracja'],
    roles: ['admin'] as const,
    query: auditQuery,
    responses: { 200: { description: 'Strona dziennika', schema: auditList }, ...problems.badRequest, ...authProblems },
    handler: async ({ query }) => ({ status: 200, body: await auditLog.list(query) }),
  });
}
