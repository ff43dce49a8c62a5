import type express from 'express';
import type { DomainServices } from '../domain-services';
import type { Authenticator } from '../http/authenticate';
import { ApiRouter } from './api-router';
import type { LiveEventHub } from './live-events';
import { buildOpenApiDocument } from './openapi';
import { accountRoutes } from './routes/accounts.routes';
import { selfServiceRoutes } from './routes/self-service.routes';
import { adminRoutes } from './routes/admin.routes';
import { auditRoutes } from './routes/audit.routes';
import { caseManagementRoutes } from './routes/case-management.routes';
import { citizenCaseRoutes } from './routes/citizen-cases.routes';
import { eventRoutes } from './routes/events.routes';
import { inboxRoutes } from './routes/inbox.routes';
import { officeRoutes } from './routes/office.routes';
import { statusCheckRoutes } from './routes/status-checks.routes';
import { submissionRoutes } from './routes/submissions.routes';
import { reminderRoutes } from './routes/reminders.routes';
import { correspondenceRoutes } from './routes/correspondence.routes';
import { letterRoutes } from './routes/letters.routes';
import { receiptRoutes } from './routes/receipts.routes';
import { staffAdminRoutes } from './routes/staff-admin.routes';
import { twoStepRoutes } from './routes/two-step.routes';

/** Where the JSON API is mounted; its OpenAPI document is `${API_PREFIX}/openapi.json`. */
export const API_PREFIX = '/api/v1';

export interface ApiDeps {
  services: DomainServices;
  authenticator: Authenticator;
  publicUrl: string;
  /** The process's live event streams. */
  live: LiveEventHub;
}

/** The JSON API (`/api/v1`): every route declared once, with its validation and OpenAPI entry. */
export function apiRouter({ services, authenticator, publicUrl, live }: ApiDeps): express.Router {
  const api = new ApiRouter(authenticator);
  accountRoutes(api, services.accounts);
  selfServiceRoutes(api, services.passwordReset, services.ownAccount);
  inboxRoutes(api, services.inbox);
  eventRoutes(api, live);
  submissionRoutes(api, services.submissions);
  citizenCaseRoutes(api, services.citizenCases);
  statusCheckRoutes(api, services.statusChecks);
  officeRoutes(api, services.actors, services.officeSubmissions, services.caseOpening);
  adminRoutes(api, services.actors, services.units);
  caseManagementRoutes(api, services.actors, services.caseManagement);
  auditRoutes(api, services.auditLog);
  reminderRoutes(api, services.actors, services.reminders);
  correspondenceRoutes(api, services.actors, services);
  letterRoutes(api, services.actors, services.submissionReading);
  receiptRoutes(api, services.receipts);
  staffAdminRoutes(api, services.actors, services.staffAdmin, services.units);
  twoStepRoutes(api, services.accounts.twoStep);

  const openApi = buildOpenApiDocument(api.openApiPaths(API_PREFIX), publicUrl);
  api.router.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  return api.router;
}
