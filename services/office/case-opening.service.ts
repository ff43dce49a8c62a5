import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { issueAccessKey } from '../cases/access-keys';
import { allocateCaseNumber } from '../cases/case-numbering';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import type { OpenCaseInput } from './office.schemas';

const DAY_MS = 24 * 3600 * 1000;

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

      const [{ now }]: Array<{ now: Date }> = await manager.query(`SELECT now() AS now`);
      const { number, seq, year } = await allocateCaseNumber(manager, unit, input.jrwaSymbol, now);
      const dueAt = new Date(now.getTime() + input.deadlineDays * DAY_MS);
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO cases (number, unit_id, jrwa_symbol, seq, year, title, status, started_at, deadline_days, due_at,
                            responsible_id, submission_id, applicant_user_id, applicant_first_name, applicant_last_name,
                            opened_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'registered', $7, $8, $9, $10, $11, $12, $13, $14, $15, $7) RETURNING id`,
        [
          number, unit.id, input.jrwaSymbol, seq, year, input.title, now, input.deadlineDays, dueAt, responsibleId,
          submission?.id ?? null, submission?.userId ?? null, input.applicant?.firstName ?? null, input.applicant?.lastName ?? null,
          actor.userId,
        ],
      );
      const caseId = rows[0].id;
      await manager.query(`INSERT INTO case_history (case_id, status, note, changed_at, changed_by) VALUES ($1, 'registered', $2, $3, $4)`, [
        caseId,
        'Sprawa zarejestrowana',
        now,
        actor.userId,
      ]);

      let accessKey: string | undefined;
      if (submission) {
        await manager.query(`UPDATE submissions SET status = 'registered' WHERE id = $1`, [submission.id]);
        await manager.query(`INSERT INTO case_links (case_id, user_id, via) VALUES ($1, $2, 'submission')`, [caseId, submission.userId]);
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
      const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM cases WHERE number = $1 FOR UPDATE`, [number]);
      if (rows.length === 0) throw AppError.notFound('Nie ma sprawy o takim znaku.');
      const accessKey = await issueAccessKey(manager, rows[0].id);
      await audit(manager, { actor: actor.login, action: 'access_key.issued', subject: number, ip: actor.ip });
      return { accessKey };
    });
  }
}

/** The unit of a symbol; an unknown one is 404 about the `unitSymbol` field. */
export async function findUnit(manager: EntityManager, symbol: string): Promise<{ id: string; symbol: string }> {
  const rows: Array<{ id: string; symbol: string }> = await manager.query(`SELECT id, symbol FROM units WHERE symbol = $1`, [symbol]);
  if (rows.length === 0) throw AppError.notFound(`Nie ma komórki organizacyjnej ${symbol}.`, { field: 'unitSymbol' });
  return rows[0];
}

/** The responsible official must be an active official of the case's unit. */
export async function findResponsible(manager: EntityManager, login: string, unitId: string): Promise<string> {
  const rows: Array<{ id: string; unit_id: string | null }> = await manager.query(
    `SELECT id, unit_id FROM users WHERE login = $1 AND role = 'official' AND status = 'active'`,
    [login],
  );
  if (rows.length === 0) throw AppError.notFound(`Nie ma referenta o loginie ${login}.`, { field: 'responsibleLogin' });
  if (rows[0].unit_id !== unitId) {
    throw AppError.validation([{ field: 'responsibleLogin', message: 'Osoba odpowiedzialna musi należeć do komórki prowadzącej sprawę.' }]);
  }
  return rows[0].id;
}

/** Locks a received submission for registration; one already registered is a conflict. */
async function claimSubmission(manager: EntityManager, id: string): Promise<{ id: string; userId: string }> {
  const rows: Array<{ id: string; user_id: string; status: string }> = await manager.query(
    `SELECT id, user_id, status FROM submissions WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (rows.length === 0) throw AppError.notFound('Nie ma takiego pisma.');
  if (rows[0].status !== 'received') {
    throw AppError.conflict('submission_already_registered', 'Na podstawie tego pisma założono już sprawę.');
  }
  return { id: rows[0].id, userId: rows[0].user_id };
}
