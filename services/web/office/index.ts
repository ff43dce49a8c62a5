import express from 'express';
import { accessKeyRoutes } from './access-key.routes';
import { caseFromLetterRoutes } from './case-from-letter.routes';
import { caseListRoutes } from './case-list.routes';
import { caseRoutes } from './case.routes';
import { caseCorrespondenceRoutes } from './case-correspondence.routes';
import { dashboardRoutes } from './dashboard.routes';
import { lettersRoutes } from './letters.routes';
import { officeLetterRoutes } from './letter.routes';
import type { OfficeDeps } from './office-pages';
import { paperCaseRoutes } from './paper-case.routes';
import { remindersRoutes } from './reminders.routes';
import { staffRoutes } from './staff.routes';
import { staffAdminPages } from './staff-admin.routes';
import { unitPages } from './units.routes';
import { auditLogPages } from './audit-log.routes';

export type { OfficeDeps } from './office-pages';

/** The office's pages: dashboard, incoming ESP letters, opening cases, the case list and one case. */
export function officePages(deps: OfficeDeps): express.Router {
  // The paper form's /urzad/sprawy/nowa before the case page's /urzad/sprawy/:number.
  return express
    .Router()
    .use(dashboardRoutes(deps), lettersRoutes(deps), officeLetterRoutes(deps), caseFromLetterRoutes(deps), paperCaseRoutes(deps), caseListRoutes(deps), caseRoutes(deps), caseCorrespondenceRoutes(deps), accessKeyRoutes(deps), remindersRoutes(deps), staffRoutes(deps))
    // After the new-staff form: /urzad/pracownicy/nowy is no account id.
    .use(staffAdminPages(deps), unitPages(deps), auditLogPages(deps.auditLog));
}
