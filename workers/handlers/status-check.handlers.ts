import { UnrecoverableError } from 'bullmq';
import type { JobHandler, JobInput, WorkerContext } from '../job-handler.types';
import { outcome } from './outcome';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const validId = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

/** Answers one "Sprawdź stan sprawy" request into the citizen's inbox (exactly once). */
export const answerStatusCheck: JobHandler<'status-check.answer'> = async (job, ctx) => {
  const { statusCheckId } = job.data;
  if (!validId(statusCheckId)) throw new UnrecoverableError('status-check.answer: no valid statusCheckId');
  return outcome(await ctx.services.statusCheckAnswers.answer(statusCheckId));
};

/** After the last attempt: the request is marked `failed` (its citizen sees it in GET). */
export async function markStatusCheckFailed(job: JobInput<'status-check.answer'>, ctx: WorkerContext): Promise<void> {
  if (validId(job.data.statusCheckId)) await ctx.services.statusCheckAnswers.markFailed(job.data.statusCheckId);
}
