import type { AppContext } from '../services/context';
import type { Mailer } from '../services/mail/mailer';
import type { JobName, JobOutcome, JobPayloads } from '../services/queue/jobs';

/** What a worker's handlers share: the process context plus the mailer. */
export interface WorkerContext extends AppContext {
  mailer: Mailer;
}

/** One job as a handler sees it: its id (the outbox event id, where it has one) and payload. */
export interface JobInput<N extends JobName> {
  id: string;
  name: N;
  data: JobPayloads[N];
}

/**
 * Handles one job idempotently: load, decide, write once under a unique key.
 * `skipped` means there was nothing (left) to do: the row vanished or the work was done before.
 */
export type JobHandler<N extends JobName> = (job: JobInput<N>, ctx: WorkerContext) => Promise<JobOutcome>;

export type JobHandlers = { readonly [N in JobName]: JobHandler<N> };
