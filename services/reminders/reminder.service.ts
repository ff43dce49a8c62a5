import type { DataSource } from 'typeorm';
import type { Role } from '../../entities/user.entity';
import { findLoginById } from '../accounts/user.repository';
import type { ActOrigin, Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { isCaseLinked, lockCaseForChange } from '../cases/case.repository';
import { isOverdue } from '../cases/case-status';
import { linkedCaseSummary, notYourCase } from '../citizen-cases/citizen-cases.service';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import { transactionTime, uniqueViolation } from '../shared/database';
import { hasOpenReminder, insertReminder, listCaseReminders, listReminders, lockReminder, markReminderForwarded, type ReminderRecord } from './reminder.repository';
import type { FiledReminder, FileReminderInput, ForwardReminderInput, ReminderView } from './reminder.schemas';
import type { ReminderStatus } from '../../entities/case-reminder.entity';

/** The office passes a ponaglenie on within 7 days of its filing (KPA art. 37 §4). */
export const REMINDER_FORWARD_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a citizen may not file a ponaglenie in a case now, or null when they may. */
export type FilingRefusal = 'not_overdue' | 'reminder_pending' | null;

/** The filing rule: only in an overdue case (as isOverdue says), and one open ponaglenie per case. */
export function filingRefusal(overdue: boolean, openReminder: boolean): FilingRefusal {
  if (!overdue) return 'not_overdue';
  return openReminder ? 'reminder_pending' : null;
}

/** Who passes a ponaglenie on: the filing office (registrar), an admin, or an official of the unit running the case. */
export function mayForwardReminder(actor: { role: Role; unitId: string | null }, caseUnitId: string): boolean {
  return actor.role === 'registrar' || actor.role === 'admin' || (actor.role === 'official' && actor.unitId === caseUnitId);
}

/** A reminder as the API shows it; `late`: not forwarded by `forwardBy` (open past it, or forwarded after it). */
export function toReminderView(r: ReminderRecord, now: Date = new Date()): ReminderView {
  return {
    id: r.id,
    caseNumber: r.caseNumber,
    filedAt: r.filedAt.toISOString(),
    forwardBy: r.forwardBy.toISOString(),
    status: r.status,
    justification: r.justification,
    forwardedAt: r.forwardedAt?.toISOString() ?? null,
    forwardedTo: r.forwardedTo,
    late: (r.forwardedAt ?? now).getTime() > r.forwardBy.getTime(),
  };
}

const REFUSALS: Record<Exclude<FilingRefusal, null>, string> = {
  not_overdue: 'Ponaglenie można złożyć dopiero wtedy, gdy sprawa nie została załatwiona w terminie.',
  reminder_pending: 'W tej sprawie jest już ponaglenie, którego urząd jeszcze nie przekazał. Kolejne złożysz, gdy urząd je przekaże.',
};

/** Ponaglenia (KPA art. 37): citizens file them in overdue cases, the office passes them on. */
export class ReminderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Files a ponaglenie in one of the citizen's cases. The case row is locked, so two filings at
   * once come one after another (and the partial unique index would stop a second anyway); the
   * responsible official's e-mail is recorded in the same transaction (outbox).
   */
  async file(userId: string, origin: ActOrigin, number: string, input: FileReminderInput): Promise<FiledReminder> {
    return this.outbox.transaction(async (manager, emit) => {
      const locked = await lockCaseForChange(manager, number);
      // Someone else's case answers as one that does not exist.
      if (!locked || !(await isCaseLinked(manager, locked.id, userId))) throw notYourCase();
      const filedAt = await transactionTime(manager);
      const refusal = filingRefusal(isOverdue(locked.status, locked.dueAt, filedAt), await hasOpenReminder(manager, locked.id));
      if (refusal) throw AppError.conflict(refusal, REFUSALS[refusal]);
      const forwardBy = new Date(filedAt.getTime() + REMINDER_FORWARD_DAYS * DAY_MS);
      let id: string;
      try {
        id = await insertReminder(manager, { caseId: locked.id, filedBy: userId, justification: input.justification, filedAt, forwardBy });
      } catch (error) {
        if (uniqueViolation(error) === 'case_reminders_one_open_per_case') throw AppError.conflict('reminder_pending', REFUSALS.reminder_pending);
        throw error;
      }
      await emit({ name: 'mail.reminder-filed', data: { reminderId: id } });
      await audit(manager, {
        actor: (await findLoginById(manager, userId)) ?? userId,
        action: 'reminder.filed',
        subject: number,
        ip: origin.ip,
        details: { reminderId: id, forwardBy: forwardBy.toISOString() },
      });
      return { id, filedAt: filedAt.toISOString(), forwardBy: forwardBy.toISOString() };
    });
  }

  /** The ponaglenia of one of the citizen's cases (newest first), and whether they may file one now. */
  async ofCitizenCase(userId: string, number: string): Promise<{ reminders: ReminderView[]; refusal: FilingRefusal }> {
    const summary = await linkedCaseSummary(this.dataSource, userId, number);
    const now = new Date();
    const reminders = (await listCaseReminders(this.dataSource, summary.id)).map((r) => toReminderView(r, now));
    const overdue = isOverdue(summary.status, summary.dueAt, now);
    return { reminders, refusal: filingRefusal(overdue, reminders.some((r) => r.status === 'filed')) };
  }

  /** The office's list, newest first: an official sees their own unit's cases only. */
  async list(actor: Actor, status?: ReminderStatus): Promise<{ items: ReminderView[] }> {
    if (actor.role === 'official' && !actor.unitId) return { items: [] };
    const rows = await listReminders(this.dataSource, { status, unitId: actor.role === 'official' ? actor.unitId! : undefined });
    const now = new Date();
    return { items: rows.map((r) => toReminderView(r, now)) };
  }

  /**
   * Passes a ponaglenie on to the higher authority (art. 37 §4), once: the row is locked, so a
   * second forwarding waits and then finds it forwarded. The citizens' messages are recorded in
   * the same transaction (outbox).
   */
  async forward(actor: Actor, id: string, input: ForwardReminderInput): Promise<ReminderView> {
    return this.outbox.transaction(async (manager, emit) => {
      const reminder = await lockReminder(manager, id);
      if (!reminder) throw AppError.notFound('Nie ma takiego ponaglenia.');
      if (!mayForwardReminder(actor, reminder.unitId)) {
        throw AppError.forbidden('Ponaglenie przekazuje kancelaria, administrator albo referent komórki, która prowadzi sprawę.');
      }
      if (reminder.status !== 'filed') throw AppError.conflict('already_forwarded', 'To ponaglenie zostało już przekazane.');
      const forwardedAt = await transactionTime(manager);
      await markReminderForwarded(manager, id, { forwardedAt, forwardedTo: input.forwardedTo, forwardedBy: actor.userId });
      await emit({ name: 'inbox.case-reminder-forwarded', data: { reminderId: id } });
      const view = toReminderView({ ...reminder, status: 'forwarded', forwardedAt, forwardedTo: input.forwardedTo }, forwardedAt);
      await audit(manager, {
        actor: actor.login,
        action: 'reminder.forwarded',
        subject: reminder.caseNumber,
        ip: actor.ip,
        details: { reminderId: id, forwardedTo: input.forwardedTo, late: view.late },
      });
      return view;
    });
  }
}
