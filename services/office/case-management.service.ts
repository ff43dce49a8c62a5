import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { insertDeadlineChange, insertHistoryEntry, listHistorySteps } from '../cases/case-history.repository';
import { countCasesByUnit, findCaseSummaryByNumber, listCaseSummaries, type CaseFilter, lockCaseForChange, updateCaseState, type LockedCase } from '../cases/case.repository';
import { isFinal } from '../cases/case-status';
import { toCaseSummary } from '../cases/case-summary';
import { clockAfterStatusChange, clockWithNewDueAt, isAcceptableDueAt, type DeadlineClock } from '../cases/deadline';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import type { ReadReplicas } from '../shared/read-replicas';
import { refreshResolutionMedian } from '../cases/case-resolution-median.repository';
import { wallClockTime } from '../shared/database';
import { mayChangeCase, type CaseChangeField, type CaseChangeRight } from './case-change-rights';
import { findResponsible, findUnit } from './case-opening.service';
import { DUE_SOON_DAYS, type CaseDetail, type CaseListQuery, type CaseView, type ChangeCaseInput, type UnitCaseCounts } from './case-management.schemas';

const DAY_MS = 24 * 3600 * 1000;

/** The repository filter of an office view: one's own cases, the overdue ones, those due soon. */
function viewFilter(view: CaseView | undefined, caller: { userId: string }, now: Date): Partial<CaseFilter> {
  if (view === 'mine') return { responsibleId: caller.userId };
  if (view === 'overdue') return { due: { before: now } };
  if (view === 'due_soon') return { due: { after: now, before: new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS) } };
  return {};
}

/** Officials and admins run cases: the list, one case with its history, and changes to it. */
export class CaseManagementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly reads: ReadReplicas,
  ) {}

  // The list and the counts are read from a replica (if any): an official's own change shows on
  // the case page, which reads the primary, and in the lists a moment later.

  /** A page of cases, newest first, with the total of the filter (one query for both). */
  async list(query: CaseListQuery, caller: { userId: string }, now = new Date()): Promise<{ items: ReturnType<typeof toCaseSummary>[]; total: number }> {
    const { view, ...filter } = query;
    const { cases, total } = await this.reads.read((db) => listCaseSummaries(db, { ...filter, ...viewFilter(view, caller, now) }));
    return { items: cases.map((c) => toCaseSummary(c, now)), total };
  }

  /** Per unit: the cases open, overdue and due within DUE_SOON_DAYS days. */
  async countsByUnit(now = new Date()): Promise<UnitCaseCounts> {
    return { items: await this.reads.read((db) => countCasesByUnit(db, now, new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS))) };
  }

  /** One case with its history (oldest first); an unknown number is 404. */
  async get(number: string): Promise<CaseDetail> {
    const detail = await caseDetail(this.dataSource.manager, number);
    if (!detail) throw AppError.notFound('Nie ma sprawy o takim znaku.');
    return detail;
  }

  /** Whether `actor` may change the case now: the unit rule of change(), and a closed case is no one's to change. */
  async changeRight(actor: Actor, detail: CaseDetail): Promise<CaseChangeRight> {
    if (isFinal(detail.status)) return 'closed';
    const unitId = actor.role === 'official' ? (await findUnit(this.dataSource.manager, detail.unit.symbol)).id : '';
    if (mayChangeCase(actor, unitId)) return 'allowed';
    return actor.role === 'official' ? 'other_unit' : 'not_a_decider';
  }

  /** Changes a case (see applyChange) and answers with the case as it is afterwards. */
  async change(actor: Actor, number: string, input: ChangeCaseInput): Promise<CaseDetail> {
    return (await this.applyChange(actor, number, input)).detail;
  }

  /**
   * Changes a case: status, responsible official, a note, a new deadline (KPA art. 36). The
   * case row is locked, so concurrent changes apply one after another; each status change and
   * each new deadline records its citizens' notice in the same transaction (outbox).
   *
   * A note without a status change appends a history row with the current status (the note is
   * part of the case's story, which citizens read in their status answers) but sends no
   * `case_status_changed` notice: the contract sends one only when the status changed. A field
   * equal to its current value (same status, same official, same date) is no change; a body
   * that changes nothing answers 200 with the case as it is and writes nothing. Answers the case
   * afterwards and what changed.
   */
  async applyChange(actor: Actor, number: string, input: ChangeCaseInput): Promise<{ detail: CaseDetail; changed: CaseChangeField[] }> {
    return this.outbox.transaction(async (manager, emit) => {
      const current = await lockCase(manager, number);
      if (!mayChangeCase(actor, current.unitId)) {
        throw AppError.forbidden('Sprawę może zmienić referent komórki, która ją prowadzi, albo administrator.');
      }
      if (isFinal(current.status)) throw AppError.conflict('case_closed', 'Sprawa jest zakończona i nie można jej już zmienić.');

      // The time after the lock, not the transaction's start: a change that waited for the lock
      // must not stop or restart the clock before the change it waited for.
      const now = await wallClockTime(manager);
      const fields: CaseChangeField[] = [];

      const newStatus = input.status !== undefined && input.status !== current.status ? input.status : null;
      let clock: DeadlineClock = { dueAt: current.dueAt, pausedSince: current.pausedSince };
      if (newStatus) {
        fields.push('status');
        clock = clockAfterStatusChange(clock, newStatus, now);
      }

      let responsibleId = current.responsibleId;
      if (input.responsibleLogin !== undefined) {
        responsibleId = input.responsibleLogin === null ? null : await findResponsible(manager, input.responsibleLogin, current.unitId);
        if (responsibleId !== current.responsibleId) fields.push('responsibleLogin');
      }

      let newDueAt: Date | null = null;
      if (input.dueAt !== undefined) {
        const dueAt = new Date(input.dueAt);
        if (!isAcceptableDueAt(dueAt, current.startedAt)) {
          throw AppError.validation([{ field: 'dueAt', message: 'Nowy termin nie może być wcześniejszy niż data rozpoczęcia sprawy.' }]);
        }
        if (dueAt.getTime() !== clock.dueAt?.getTime()) {
          fields.push('dueAt');
          newDueAt = dueAt;
          clock = clockWithNewDueAt(clock, dueAt, now);
        }
      }
      if (input.note !== undefined) fields.push('note');
      if (fields.length === 0) return { detail: (await caseDetail(manager, number))!, changed: fields };

      const status = newStatus ?? current.status;
      await updateCaseState(manager, current.id, {
        status,
        endedAt: isFinal(status) ? now : null,
        dueAt: clock.dueAt,
        pausedSince: clock.pausedSince,
        responsibleId,
        updatedAt: now,
      });
      if (newStatus || input.note !== undefined) {
        const historyId = await insertHistoryEntry(manager, { caseId: current.id, status, note: input.note ?? null, changedAt: now, changedBy: actor.userId });
        if (newStatus) await emit({ name: 'inbox.case-status-changed', data: { historyId } });
      }
      // A resolution changes what the next applicants of this unit and class may expect.
      if (newStatus === 'resolved') await refreshResolutionMedian(manager, current.unitId, current.jrwaSymbol, now);
      if (newDueAt) {
        const deadlineChangeId = await insertDeadlineChange(manager, {
          caseId: current.id,
          dueAt: newDueAt,
          reason: input.reason!,
          changedAt: now,
          changedBy: actor.userId,
        });
        await emit({ name: 'inbox.case-deadline-changed', data: { deadlineChangeId } });
      }

      await audit(manager, {
        actor: actor.login,
        action: 'case.changed',
        subject: number,
        ip: actor.ip,
        details: {
          fields,
          ...(newStatus ? { status: { from: current.status, to: newStatus } } : {}),
          ...(fields.includes('responsibleLogin') ? { responsible: { from: current.responsibleLogin, to: input.responsibleLogin } } : {}),
          // Also when only the pause arithmetic moved it: the audit shows every change of the date.
          ...(clock.dueAt?.getTime() !== current.dueAt?.getTime()
            ? { dueAt: { from: current.dueAt?.toISOString() ?? null, to: clock.dueAt?.toISOString() ?? null } }
            : {}),
          ...(newDueAt ? { reason: input.reason } : {}),
        },
      });
      return { detail: (await caseDetail(manager, number))!, changed: fields };
    });
  }
}

/** Locks the case row for the rest of the transaction; unknown is 404. */
async function lockCase(manager: EntityManager, number: string): Promise<LockedCase> {
  const locked = await lockCaseForChange(manager, number);
  if (!locked) throw AppError.notFound('Nie ma sprawy o takim znaku.');
  return locked;
}

/** The case's summary and history, or null. */
async function caseDetail(manager: EntityManager, number: string): Promise<CaseDetail | null> {
  const summary = await findCaseSummaryByNumber(manager, number);
  if (!summary) return null;
  const history = await listHistorySteps(manager, summary.id);
  return {
    ...toCaseSummary(summary),
    history: history.map((h) => ({ status: h.status, note: h.note, changedAt: h.changedAt.toISOString(), changedBy: h.changedByLogin })),
  };
}
