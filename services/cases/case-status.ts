import type { CaseStatus } from '../../entities/case.entity';

/** The Polish label of each case status, as citizens read it. */
export const CASE_STATUS_LABELS: { readonly [S in CaseStatus]: string } = {
  registered: 'Zarejestrowana',
  in_progress: 'W toku',
  awaiting_applicant: 'Oczekuje na uzupełnienie',
  suspended: 'Zawieszona',
  resolved: 'Załatwiona',
  transferred: 'Przekazana wg właściwości',
  discontinued: 'Umorzona',
};

/** Statuses that end a case: they set the end date and freeze it. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['resolved', 'transferred', 'discontinued'];

/** Statuses during which the KPA deadline does not run. */
export const PAUSED_STATUSES: readonly CaseStatus[] = ['suspended', 'awaiting_applicant'];

/** Statuses in which the deadline runs: neither final nor paused. */
export const RUNNING_STATUSES: readonly CaseStatus[] = (Object.keys(CASE_STATUS_LABELS) as CaseStatus[]).filter(
  (s) => !FINAL_STATUSES.includes(s) && !PAUSED_STATUSES.includes(s),
);

/** A list of statuses as SQL literals, for `status IN (…)` (they are fixed words, never input). */
export function statusList(statuses: readonly CaseStatus[]): string {
  return statuses.map((s) => `'${s}'`).join(', ');
}

export function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function isPaused(status: CaseStatus): boolean {
  return PAUSED_STATUSES.includes(status);
}

/**
 * A case is overdue when it is not final, not paused (suspended or awaiting the applicant: the
 * deadline does not run then, art. 35 §5) and its deadline has passed.
 */
export function isOverdue(status: CaseStatus, dueAt: Date | null, now: Date = new Date()): boolean {
  if (isFinal(status) || isPaused(status) || dueAt === null) return false;
  return dueAt.getTime() < now.getTime();
}
