import type { DataSource, EntityManager } from 'typeorm';
import type { CaseStatus } from '../../entities/case.entity';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { isFinal } from '../cases/case-status';
import { CASE_SUMMARY_SQL, toCaseSummary, type CaseSummaryRow } from '../cases/case-summary';
import { clockAfterStatusChange, clockWithNewDueAt, isAcceptableDueAt, type DeadlineClock } from '../cases/deadline';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import { mayChangeCase, type CaseChangeField, type CaseChangeRight } from './case-change-rights';
import { findResponsible, findUnit } from './case-opening.service';
import type { CaseDetail, CaseListQuery, ChangeCaseInput } from './case-management.schemas';

interface LockedCase {
  id: string;
  unit_id: string;
  status: CaseStatus;
  started_at: Date;
  due_at: Date | null;
  paused_since: Date | null;
  responsible_id: string | null;
  responsible_login: string | null;
}

/** Officials and admins run cases: the list, one case with its history, and changes to it. */
export class CaseManagementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** A page of cases, newest first, with the total of the filter (one query for both). */
  async list(query: CaseListQuery): Promise<{ items: ReturnType<typeof toCaseSummary>[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.status) where.push(`c.status = $${params.push(query.status)}`);
    if (query.unit) where.push(`u.symbol = $${params.push(query.unit)}`);
    if (query.q) {
      const n = params.push(`%${escapeLike(query.q)}%`);
      where.push(`(c.number ILIKE $${n} OR c.title ILIKE $${n})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = params.push(query.limit);
    const offset = params.push(query.offset);
    const rows: Array<CaseSummaryRow & { total: number }> = await this.dataSource.query(
      `SELECT s.*, count(*) OVER ()::int AS total FROM (${CASE_SUMMARY_SQL} ${filter}) s
        ORDER BY s.started_at DESC, s.number DESC LIMIT $${limit} OFFSET $${offset}`,
      params,
    );
    // A page past the end has no row to carry the window count: only then count apart.
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && query.offset > 0) {
      const counted: Array<{ total: number }> = await this.dataSource.query(
        `SELECT count(*)::int AS total FROM (${CASE_SUMMARY_SQL} ${filter}) s`,
        params.slice(0, limit - 1),
      );
      total = counted[0].total;
    }
    const now = new Date();
    return { items: rows.map((row) => toCaseSummary(row, now)), total };
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
      if (!mayChangeCase(actor, current.unit_id)) {
        throw AppError.forbidden('Sprawę może zmienić referent komórki, która ją prowadzi, albo administrator.');
      }
      if (isFinal(current.status)) throw AppError.conflict('case_closed', 'Sprawa jest zakończona i nie można jej już zmienić.');

      // The time after the lock, not the transaction's start: a change that waited for the lock
      // must not stop or restart the clock before the change it waited for.
      const [{ now }]: Array<{ now: Date }> = await manager.query(`SELECT clock_timestamp() AS now`);
      const fields: CaseChangeField[] = [];

      const newStatus = input.status !== undefined && input.status !== current.status ? input.status : null;
      let clock: DeadlineClock = { dueAt: current.due_at, pausedSince: current.paused_since };
      if (newStatus) {
        fields.push('status');
        clock = clockAfterStatusChange(clock, newStatus, now);
      }

      let responsibleId = current.responsible_id;
      if (input.responsibleLogin !== undefined) {
        responsibleId = input.responsibleLogin === null ? null : await findResponsible(manager, input.responsibleLogin, current.unit_id);
        if (responsibleId !== current.responsible_id) fields.push('responsibleLogin');
      }

      let newDueAt: Date | null = null;
      if (input.dueAt !== undefined) {
        const dueAt = new Date(input.dueAt);
        if (!isAcceptableDueAt(dueAt, current.started_at)) {
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
      await manager.query(
        `UPDATE cases SET status = $2, ended_at = $3, due_at = $4, paused_since = $5, responsible_id = $6, updated_at = $7 WHERE id = $1`,
        [current.id, status, isFinal(status) ? now : null, clock.dueAt, clock.pausedSince, responsibleId, now],
      );
      if (newStatus || input.note !== undefined) {
        const [{ id: historyId }]: Array<{ id: string }> = await manager.query(
          `INSERT INTO case_history (case_id, status, note, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [current.id, status, input.note ?? null, now, actor.userId],
        );
        if (newStatus) await emit({ name: 'inbox.case-status-changed', data: { historyId } });
      }
      if (newDueAt) {
        const [{ id: deadlineChangeId }]: Array<{ id: string }> = await manager.query(
          `INSERT INTO case_deadline_changes (case_id, due_at, reason, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [current.id, newDueAt, input.reason, now, actor.userId],
        );
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
          ...(fields.includes('responsibleLogin') ? { responsible: { from: current.responsible_login, to: input.responsibleLogin } } : {}),
          // Also when only the pause arithmetic moved it: the audit shows every change of the date.
          ...(clock.dueAt?.getTime() !== current.due_at?.getTime()
            ? { dueAt: { from: current.due_at?.toISOString() ?? null, to: clock.dueAt?.toISOString() ?? null } }
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
  const rows: LockedCase[] = await manager.query(
    `SELECT c.id, c.unit_id, c.status, c.started_at, c.due_at, c.paused_since, c.responsible_id, r.login AS responsible_login
       FROM cases c LEFT JOIN users r ON r.id = c.responsible_id
      WHERE c.number = $1 FOR UPDATE OF c`,
    [number],
  );
  if (rows.length === 0) throw AppError.notFound('Nie ma sprawy o takim znaku.');
  return rows[0];
}

/** The case's summary and history, or null. */
async function caseDetail(manager: EntityManager, number: string): Promise<CaseDetail | null> {
  const rows: CaseSummaryRow[] = await manager.query(`${CASE_SUMMARY_SQL} WHERE c.number = $1`, [number]);
  if (rows.length === 0) return null;
  const history: Array<{ status: CaseStatus; note: string | null; changed_at: Date; login: string | null }> = await manager.query(
    `SELECT h.status, h.note, h.changed_at, u.login
       FROM case_history h LEFT JOIN users u ON u.id = h.changed_by
      WHERE h.case_id = $1 ORDER BY h.changed_at, h.id`,
    [rows[0].id],
  );
  return {
    ...toCaseSummary(rows[0]),
    history: history.map((h) => ({ status: h.status, note: h.note, changedAt: h.changed_at.toISOString(), changedBy: h.login })),
  };
}

/** Escapes LIKE wildcards so the search text matches literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
