import type { Actor } from '../audit/actor';

/** Whether someone may change a case as its page tells it: why not, when not. */
export type CaseChangeRight = 'allowed' | 'closed' | 'other_unit' | 'not_a_decider';

/** What a change did to a case; empty when the request matched the case as it was. */
export type CaseChangeField = 'status' | 'responsibleLogin' | 'dueAt' | 'note';

/** The unit rule: a case is changed by an official of the unit that runs it, or by an admin. */
export function mayChangeCase(actor: Pick<Actor, 'role' | 'unitId'>, caseUnitId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'official' && actor.unitId === caseUnitId);
}
