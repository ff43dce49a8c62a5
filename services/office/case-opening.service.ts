import type { EntityManager } from 'typeorm';
import { findActiveOfficial } from '../accounts/user.repository';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { issueAccessKey } from '../cases/access-keys';
import { insertHistoryEntry } from '../cases/case-history.repository';
import { dueAtFor } from '../cases/kpa-deadline';
import { allocateCaseNumber } from '../cases/case-number-allocator';
import { insertCase, insertCaseLink, lockCaseIdByNumber } from '../cases/case.repository';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import { transactionTime } from '../shared/database';
import { lockSubmission, markSubmissionRegistered } from '../submissions/submission.repository';
import { findUnitBySymbol } from './unit.repository';
import type { OpenCaseInput } from './office.schemas';

/** The filing office (kancelaria) opens cases from ESP submissions and paper applications. */
export class CaseOpeningService {
  constructor(private readonly outbox: Outbox) {}

  /**
   * Opens a case. From a submission, the `case_opened` notice is recorded in the same
   * transaction (outbox), so once this returns the citizen will get exactly one message; its
   * access key, when asked for, is made by the worker that writes that message. For paper,
   * the key (when asked for) is returned here, shown once.
   */
  async open(actor: Actor, input: OpenCaseInput) {
    return this.outbox.transaction(async (manager, emit) => {
      const unit = await findUnit(manager, input.unitSymbol);
      const responsibleId = input.responsibleLogin ? await findResponsible(manager, input.responsibleLogin, unit.id) : null;
      const submission = input.submissionId ? await claimSubmission(manager, input.submissionId) : null;

      const now = await transactionTime(manager);
      const { number, seq, year } = await allocateCaseNumber(manager, unit, input.jrwaSymbol, now);
      const dueAt = dueAtFor(now, input.deadline);
      const caseId = await insertCase(manager, {
        number,
        unitId: unit.id,
        jrwaSymbol: input.jrwaSymbol,
        seq,
        year,
        title: input.title,
        startedAt: now,
        deadlineDays: 'days' in input.deadline ? input.deadline.days : null,
        deadlineMonths: 'months' in input.deadline ? input.deadline.months : null,
        dueAt,
        responsibleId,
        submissionId: submission?.id ?? null,
        applicantUserId: submission?.userId ?? null,
        applicantFirstName: input.applicant?.firstName ?? null,
        applicantLastName: input.applicant?.lastName ?? null,
        openedBy: actor.userId,
      });
      await insertHistoryEntry(manager, { caseId, status: 'registered', note: 'Sprawa zarejestrowana', changedAt: now, changedBy: actor.userId });

      let accessKey: string | undefined;
      if (submission) {
        await markSubmissionRegistered(manager, submission.id);
        await insertCaseLink(manager, { caseId, userId: submission.userId, via: 'submission' });
        await emit({ name: 'inbox.case-opened', data: { caseId } });
      } else if (input.issueAccessKey) {
        accessKey = await issueAccessKey(manager, caseId);
      }
      await audit(manager, {
        actor: actor.login,
        action: 'case.opened',
        subject: number,
        ip: actor.ip,
        details: { from: submission ? 'submission' : 'paper', submissionId: submission?.id ?? null, accessKeyIssued: accessKey !== undefined },
      });
      return {
        id: caseId,
        number,
        status: 'registered' as const,
        startedAt: now.toISOString(),
        dueAt: dueAt.toISOString(),
        ...(accessKey ? { accessKey } : {}),
      };
    });
  }

  /** Issues a new access key for a case; the earlier one stops working. */
  async reissueKey(actor: Actor, number: string): Promise<{ accessKey: string }> {
    return this.outbox.transaction(async (manager) => {
      const caseId = await lockCaseIdByNumber(manager, number);
      if (!caseId) throw AppError.notFound('Nie ma sprawy o takim znaku.');
      const accessKey = await issueAccessKey(manager, caseId);
      await audit(manager, { actor: actor.login, action: 'access_key.issued', subject: number, ip: actor.ip });
      return { accessKey };
    });
  }
}

/** The unit of a symbol; an unknown one is 404 about the `unitSymbol` field. */
export async function findUnit(manager: EntityManager, symbol: string): Promise<{ id: string; symbol: string }> {
  const unit = await findUnitBySymbol(manager, symbol);
  if (!unit) throw AppError.notFound(`Nie ma komórki organizacyjnej ${symbol}.`, { field: 'unitSymbol' });
  return unit;
}

/** The responsible official must be an active official of the case's unit. */
export async function findResponsible(manager: EntityManager, login: string, unitId: string): Promise<string> {
  const official = await findActiveOfficial(manager, login);
  if (!official) throw AppError.notFound(`Nie ma referenta o loginie ${login}.`, { field: 'responsibleLogin' });
  if (official.unitId !== unitId) {
    throw AppError.validation([{ field: 'responsibleLogin', message: 'Osoba odpowiedzialna musi należeć do komórki prowadzącej sprawę.' }]);
  }
  return official.id;
}

/** Locks a received submission for registration; one already registered is a conflict. */
async function claimSubmission(manager: EntityManager, id: string): Promise<{ id: string; userId: string }> {
  const submission = await lockSubmission(manager, id);
  if (!submission) throw AppError.notFound('Nie ma takiego pisma.');
  if (submission.status !== 'received') {
    throw AppError.conflict('submission_already_registered', 'Na podstawie tego pisma założono już sprawę.');
  }
  return { id: submission.id, userId: submission.userId };
}
