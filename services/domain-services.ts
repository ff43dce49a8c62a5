import { AccountService } from './accounts/account.service';
import { ActorService } from './audit/actor';
import { AuditLogService } from './audit/audit-log.service';
import { CitizenCasesService } from './citizen-cases/citizen-cases.service';
import { InboxService } from './inbox/inbox.service';
import { CaseManagementService } from './office/case-management.service';
import { CaseOpeningService } from './office/case-opening.service';
import { OfficeSubmissionsService } from './office/office-submissions.service';
import { UnitsService } from './office/units.service';
import type { Connections } from './shared/connections';
import { StatusCheckService } from './status-checks/status-check.service';
import { SubmissionService } from './submissions/submission.service';

/** Every domain service, built once per process and shared by the API, the pages and the workers. */
export interface DomainServices {
  accounts: AccountService;
  inbox: InboxService;
  submissions: SubmissionService;
  citizenCases: CitizenCasesService;
  statusChecks: StatusCheckService;
  caseOpening: CaseOpeningService;
  caseManagement: CaseManagementService;
  units: UnitsService;
  officeSubmissions: OfficeSubmissionsService;
  actors: ActorService;
  auditLog: AuditLogService;
}

/** Builds the domain services on a process's connections. */
export function createDomainServices(c: Connections): DomainServices {
  return {
    accounts: new AccountService(c),
    inbox: new InboxService(c.dataSource),
    submissions: new SubmissionService(c.dataSource, c.outbox),
    citizenCases: new CitizenCasesService(c),
    statusChecks: new StatusCheckService(c),
    caseOpening: new CaseOpeningService(c.outbox),
    caseManagement: new CaseManagementService(c.dataSource, c.outbox),
    units: new UnitsService(c.dataSource),
    officeSubmissions: new OfficeSubmissionsService(c.dataSource),
    actors: new ActorService(c.dataSource),
    auditLog: new AuditLogService(c.dataSource),
  };
}
