import type { JobOutcome } from '../../services/queue/jobs';

/** A domain answer ("did this job deliver anything now?") as the job's outcome. */
export function outcome(delivered: boolean): JobOutcome {
  return delivered ? 'done' : 'skipped';
}
