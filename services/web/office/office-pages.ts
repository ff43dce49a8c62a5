import type { Request, Response } from 'express';
import type { Actor, ActorService } from '../../audit/actor';
import { personName } from '../../cases/person-name';
import type { CaseManagementService } from '../../office/case-management.service';
import type { CaseOpeningService } from '../../office/case-opening.service';
import { caseNumberParams } from '../../office/office.schemas';
import type { OfficeSubmissionsService } from '../../office/office-submissions.service';
import type { UnitsService } from '../../office/units.service';
import type { ReminderService } from '../../reminders/reminder.service';
import type { CaseCallsService } from '../../correspondence/case-calls.service';
import type { CaseDocumentsService } from '../../correspondence/case-documents.service';
import type { OfficeLetterService } from '../../correspondence/office-letters.service';
import type { SubmissionReadingService } from '../../submissions/submission-reading.service';
import type { StaffAdminService } from '../../office/staff-admin.service';
import type { AuditLogService } from '../../audit/audit-log.service';
import { AppError } from '../../shared/app-error';
import { requireLogin, sessionOf } from '../../http/session';
import type { OneShotForms } from '../one-shot-forms';
import type { PageLink } from '../one-shot-answer';
import { officeCasePath } from '../../shared/page-paths';

/** What the office's pages call. */
export interface OfficeDeps {
  actors: ActorService;
  officeSubmissions: OfficeSubmissionsService;
  opening: CaseOpeningService;
  management: CaseManagementService;
  units: UnitsService;
  oneShot: OneShotForms;
  reminders: ReminderService;
  calls: CaseCallsService;
  letters: OfficeLetterService;
  documents: CaseDocumentsService;
  submissionReading: SubmissionReadingService;
  staffAdmin: StaffAdminService;
  auditLog: AuditLogService;
}

export const staff = requireLogin(['registrar', 'official', 'admin']);
export const registrar = requireLogin(['registrar']);
/** Those who decide on cases; which cases, the domain says (CaseManagementService.changeRight). */
export const deciders = requireLogin(['official', 'admin']);

/** A button to a case's page, `part` of it (`#wezwania`) if given. */
export function caseLink(number: string, part = ''): PageLink {
  return { href: officeCasePath(number) + part, label: `Przejdź do sprawy ${number}` };
}

/** One choice of a select or a suggestion list. */
export interface Choice {
  value: string;
  label: string;
}

/** The logged-in staff member as the domain services know them (their unit, for the unit rule). */
export function actorOfPage(actors: ActorService, req: Request, res: Response): Promise<Actor> {
  return actors.of(sessionOf(res).principal, { ip: req.ip ?? null });
}

/** The case number in the address; one that cannot be a case number is no page. */
export function caseNumberOf(req: Request): string {
  const parsed = caseNumberParams.safeParse(req.params);
  if (!parsed.success) throw AppError.notFound('Nie ma sprawy o takim znaku.');
  return parsed.data.number;
}

/** The units as choices, after a first one that means none chosen (or, in a filter, all). */
export async function unitChoices(units: UnitsService, withAny: boolean): Promise<Choice[]> {
  return [
    ...(withAny ? [{ value: '', label: 'Wszystkie komórki' }] : [{ value: '', label: 'Wybierz komórkę' }]),
    ...(await units.listUnits()).items.map((u) => ({ value: u.symbol, label: `${u.symbol} — ${u.name}` })),
  ];
}

/** Officials (of one unit, when given) as suggestions for a login field: the login, with the name and unit to recognise. */
export async function officialChoices(units: UnitsService, unitSymbol?: string): Promise<Choice[]> {
  return (await units.listOfficials(unitSymbol)).map((o) => ({ value: o.login, label: `${personName(o)} (${o.unitSymbol})` }));
}
