import { UnrecoverableError } from 'bullmq';
import { renderMessage } from '../../services/inbox/message-templates';
import { statusAnswerLatency } from '../../services/shared/metrics';
import { caseStatusData } from '../../services/status-checks/status-check-answer';
import { failQueuedStatusCheck, loadStatusCheckAnswer, writeStatusAnswer } from '../../services/status-checks/status-check.repository';
import { PAGES } from '../../services/shared/page-paths';
import type { JobHandler, JobInput, WorkerContext } from '../job-handler';

/** Answers to "Sprawdź stan sprawy" send the "new message" e-mail at most once per citizen in this time. */
export const STATUS_MAIL_THROTTLE_MINUTES = 15;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Answers one status check with a `case_status` message: one read, then one atomic statement
 * that writes the message (unique event key), records the throttled "new message" e-mail and
 * marks the request delivered, so whatever retries or redeliveries happen, each request gets
 * exactly one message. Two statements per job: this is the benchmarked path.
 */
export const answerStatusCheck: JobHandler<'status-check.answer'> = async (job, ctx) => {
  const { statusCheckId } = job.data;
  if (typeof statusCheckId !== 'string' || !UUID.test(statusCheckId)) throw new UnrecoverableError('status-check.answer: no valid statusCheckId');
  const source = await loadStatusCheckAnswer(ctx.dataSource, statusCheckId);
  if (!source || source.request.status !== 'queued') return 'skipped';

  const data = caseStatusData(source);
  const accessKeyUrl = `${ctx.config.publicUrl}${PAGES.accessKey}`;
  let rendered;
  try {
    rendered = renderMessage('case_status', { ...data, accessKeyUrl });
  } catch (error) {
    // A template that cannot render this answer will not render it on a retry either.
    throw new UnrecoverableError(`case_status template: ${(error as Error).message}`);
  }
  const written = await writeStatusAnswer(ctx.dataSource, {
    statusCheckId,
    userId: source.request.userId,
    rendered,
    data,
    mailThrottleMinutes: STATUS_MAIL_THROTTLE_MINUTES,
  });
  if (!written) return 'skipped';
  statusAnswerLatency.observe((Date.now() - source.request.requestedAt.getTime()) / 1000);
  if (written.mailEvent) await ctx.outbox.publish([written.mailEvent]);
  return 'done';
};

/** After the last attempt: the request is marked `failed` (its citizen sees it in GET). */
export async function markStatusCheckFailed(job: JobInput<'status-check.answer'>, ctx: WorkerContext): Promise<void> {
  if (typeof job.data.statusCheckId !== 'string' || !UUID.test(job.data.statusCheckId)) return;
  await failQueuedStatusCheck(ctx.dataSource, job.data.statusCheckId);
}
