import type { Actor } from '../audit/actor';
import { AppError } from '../shared/app-error';
import type { SubmissionDetailRecord } from './submission.repository';

/**
 * Who at the office reads a submission or reply: registrars and admins every one (they register
 * incoming letters and answer for the whole office), an official only those of a case their unit
 * runs. A letter no case was opened from yet belongs to no unit, so no official reads it.
 */
export function mayReadAtOffice(actor: Pick<Actor, 'role' | 'unitId'>, caseUnitId: string | null): boolean {
  if (actor.role === 'registrar' || actor.role === 'admin') return true;
  return actor.role === 'official' && actor.unitId !== null && caseUnitId === actor.unitId;
}

/** The one answer for a submission that does not exist and one the caller may not read. */
export function submissionNotFound(): AppError {
  return AppError.notFound('Nie ma takiego pisma.');
}

/** The record when `userId` sent it; otherwise 404, the same as for no record at all. */
export function sentBy(record: SubmissionDetailRecord | null, userId: string): SubmissionDetailRecord {
  if (!record || record.userId !== userId) throw submissionNotFound();
  return record;
}

/** The record when the staff member may read it at the office; otherwise 404. */
export function readableAtOffice(record: SubmissionDetailRecord | null, actor: Pick<Actor, 'role' | 'unitId'>): SubmissionDetailRecord {
  if (!record || !mayReadAtOffice(actor, record.caseUnitId)) throw submissionNotFound();
  return record;
}
