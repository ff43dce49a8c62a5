import type { EntityManager } from 'typeorm';
import type { CaseStatus } from '../../entities/case.entity';
import { insertHistoryEntry } from './case-history.repository';
import { updateCaseState, type LockedCase } from './case.repository';
import { isFinal } from './case-status';
import { clockAfterStatusChange } from './deadline';

/**
 * Moves a locked case to `to` because of a step in its correspondence (a call for completion,
 * the party's answer), with the same clock arithmetic as an official's change
 * (clockAfterStatusChange: entering `awaiting_applicant` stops the KPA clock, leaving it moves
 * `dueAt` on by the days paused), and a history entry that says why. Staying in the same
 * status only adds the entry. Answers the history entry's id.
 */
export async function moveCaseForCorrespondence(
  manager: EntityManager,
  current: LockedCase,
  move: { to: CaseStatus; note: string; changedBy: string | null; now: Date },
): Promise<string> {
  if (move.to !== current.status) {
    const clock = clockAfterStatusChange({ dueAt: current.dueAt, pausedSince: current.pausedSince }, move.to, move.now);
    await updateCaseState(manager, current.id, {
      status: move.to,
      endedAt: isFinal(move.to) ? move.now : null,
      dueAt: clock.dueAt,
      pausedSince: clock.pausedSince,
      responsibleId: current.responsibleId,
      updatedAt: move.now,
    });
  }
  return insertHistoryEntry(manager, { caseId: current.id, status: move.to, note: move.note, changedAt: move.now, changedBy: move.changedBy });
}
