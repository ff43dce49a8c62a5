import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { linkedCaseSummary } from '../citizen-cases/citizen-cases.service';
import { moveCaseForCorrespondence } from '../cases/case-status-move';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import { wallClockTime } from '../shared/database';
import { caseForStaffReading, lockCaseForOfficeWriting } from './case-access';
import { callDueDateProblem, callStatusAt } from './call-rules';
import { insertCall, listCalls, type CallRecord } from './call.repository';
import type { CallView, CreateCallInput, CreatedCall } from './correspondence.schemas';

/** The history (which status answers repeat) names what is missing in a few hundred characters; the call keeps it all. */
const NOTE_WHAT_LENGTH = 300;

function briefly(text: string): string {
  return text.length <= NOTE_WHAT_LENGTH ? text : `${text.slice(0, NOTE_WHAT_LENGTH - 1).trimEnd()}…`;
}

/** A call as the API shows it at `now` (expired once its day has passed unanswered). */
export function toCallView(c: CallRecord, now: Date): CallView {
  return {
    id: c.id,
    what: c.what,
    dueDate: c.dueDate,
    status: callStatusAt(c.status, c.dueDate, now),
    answeredAt: c.answeredAt?.toISOString() ?? null,
    replyId: c.replyId,
  };
}

/** Calls for completion (KPA art. 64 §2): an official calls on the parties, they answer by a date. */
export class CaseCallsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Calls on the parties of a running case to complete their application by `dueDate` (at least
   * 7 days ahead). The case waits for them (`awaiting_applicant`, its clock stopped) with a
   * history entry saying why; every linked citizen's message is recorded in the same
   * transaction (outbox), and written once each by the worker.
   */
  async create(actor: Actor, number: string, input: CreateCallInput): Promise<CreatedCall> {
    return this.outbox.transaction(async (manager, emit) => {
      const locked = await lockCaseForOfficeWriting(manager, actor, number, { closedToo: false });
      const now = await wallClockTime(manager);
      const problem = callDueDateProblem(input.dueDate, now);
      if (problem) throw AppError.validation([{ field: 'dueDate', message: problem }]);
      const id = await insertCall(manager, { caseId: locked.id, what: input.what, dueDate: input.dueDate, createdAt: now, createdBy: actor.userId });
      await moveCaseForCorrespondence(manager, locked, {
        to: 'awaiting_applicant',
        note: `Wezwanie do uzupełnienia wniosku (art. 64 § 2 KPA), termin do ${input.dueDate}: ${briefly(input.what)}`,
        changedBy: actor.userId,
        now,
      });
      await emit({ name: 'inbox.case-call', data: { callId: id } });
      await audit(manager, { actor: actor.login, action: 'case.call_created', subject: number, ip: actor.ip, details: { callId: id, dueDate: input.dueDate } });
      return { id, what: input.what, dueDate: input.dueDate, status: 'open' as const };
    });
  }

  /** The calls of a case, oldest first, for the staff who may read its correspondence. */
  async forOffice(actor: Actor, number: string): Promise<{ items: CallView[] }> {
    const record = await caseForStaffReading(this.dataSource, actor, number);
    const now = new Date();
    return { items: (await listCalls(this.dataSource, record.id)).map((c) => toCallView(c, now)) };
  }

  /** The calls of one of the citizen's cases, oldest first. */
  async forCitizen(userId: string, number: string): Promise<{ items: CallView[] }> {
    const record = await linkedCaseSummary(this.dataSource, userId, number);
    const now = new Date();
    return { items: (await listCalls(this.dataSource, record.id)).map((c) => toCallView(c, now)) };
  }

}
