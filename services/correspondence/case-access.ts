import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { findCaseSummaryByNumber, isCaseLinked, lockCaseForChange, type CaseSummaryRecord, type LockedCase } from '../cases/case.repository';
import { isFinal } from '../cases/case-status';
import { mayChangeCase } from '../office/case-change-rights';
import { AppError } from '../shared/app-error';
import type { Db } from '../shared/database';
import { notYourCase } from '../citizen-cases/citizen-cases.service';

/** Who reads a case's correspondence at the office: the filing office, admins, and the officials of the case's unit. */
export function mayReadCorrespondence(actor: Pick<Actor, 'role' | 'unitId'>, caseUnitId: string): boolean {
  return actor.role === 'registrar' || actor.role === 'admin' || (actor.role === 'official' && actor.unitId === caseUnitId);
}

const noSuchCase = () => AppError.notFound('Nie ma sprawy o takim znaku.');

/** The case as staff may read its correspondence; anyone else (another unit's official) gets the same 404 as an unknown number. */
export async function caseForStaffReading(db: Db, actor: Actor, number: string): Promise<CaseSummaryRecord> {
  const record = await findCaseSummaryByNumber(db, number);
  if (!record || !mayReadCorrespondence(actor, record.unit.id)) throw noSuchCase();
  return record;
}

/**
 * Locks a case an official writes to: 404 unknown, 403 another unit's. A call needs a running
 * case (409 `case_closed`); a letter may follow the end, since the decision that ends a case is
 * often sent just after it.
 */
export async function lockCaseForOfficeWriting(manager: EntityManager, actor: Actor, number: string, options: { closedToo: boolean }): Promise<LockedCase> {
  const locked = await lockCaseForChange(manager, number);
  if (!locked) throw noSuchCase();
  if (!mayChangeCase(actor, locked.unitId)) throw AppError.forbidden('W sprawie pisze referent komórki, która ją prowadzi, albo administrator.');
  if (!options.closedToo && isFinal(locked.status)) throw AppError.conflict('case_closed', 'Sprawa jest zakończona i nie można już wzywać w niej do uzupełnienia.');
  return locked;
}

/** Locks one of the citizen's cases for a reply: someone else's is notYourCase(), a closed one 409 `case_closed`. */
export async function lockCaseForReply(manager: EntityManager, userId: string, number: string): Promise<LockedCase> {
  const locked = await lockCaseForChange(manager, number);
  if (!locked || !(await isCaseLinked(manager, locked.id, userId))) throw notYourCase();
  if (isFinal(locked.status)) throw AppError.conflict('case_closed', 'Sprawa jest zakończona: urząd nie przyjmuje w niej już odpowiedzi. Jeśli chcesz coś przekazać, wyślij nowe pismo.');
  return locked;
}
