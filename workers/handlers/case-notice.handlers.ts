import { findDeadlineChangeNotice, findHistoryNotice } from '../../services/cases/case-history.repository';
import { listLinkedUserIds } from '../../services/cases/case.repository';
import { CASE_STATUS_LABELS } from '../../services/cases/case-status';
import { deliverMessage } from '../../services/inbox/message-delivery.service';
import { renderMessage } from '../../services/inbox/message-templates';
import { PAGES } from '../../services/shared/page-paths';
import type { JobHandler, WorkerContext } from '../job-handler';

/**
 * A status change, into the inbox of every citizen linked to the case. Each citizen's message
 * has its own event key, so a retry (even after a partial failure) adds only what is missing.
 */
export const deliverCaseStatusChanged: JobHandler<'inbox.case-status-changed'> = async (job, ctx) => {
  const { historyId } = job.data;
  const h = await findHistoryNotice(ctx.dataSource, historyId);
  if (!h) return 'skipped';
  const data = {
    caseNumber: h.caseNumber,
    status: h.status,
    statusLabel: CASE_STATUS_LABELS[h.status],
    note: h.note,
    changedAt: h.changedAt.toISOString(),
  };
  const rendered = renderMessage('case_status_changed', { ...data, statusCheckUrl: statusCheckUrl(ctx) });
  return deliverToLinked(ctx, h.caseId, (userId) => ({
    userId,
    kind: 'case_status_changed' as const,
    eventKey: `case-status-changed:${historyId}:${userId}`,
    rendered,
    data,
  }));
};

/** A new deadline (KPA art. 36), into the inbox of every citizen linked to the case. */
export const deliverCaseDeadlineChanged: JobHandler<'inbox.case-deadline-changed'> = async (job, ctx) => {
  const { deadlineChangeId } = job.data;
  const d = await findDeadlineChangeNotice(ctx.dataSource, deadlineChangeId);
  if (!d) return 'skipped';
  const data = { caseNumber: d.caseNumber, dueAt: d.dueAt.toISOString(), reason: d.reason };
  const rendered = renderMessage('case_deadline_changed', { ...data, statusCheckUrl: statusCheckUrl(ctx) });
  return deliverToLinked(ctx, d.caseId, (userId) => ({
    userId,
    kind: 'case_deadline_changed' as const,
    eventKey: `case-deadline-changed:${deadlineChangeId}:${userId}`,
    rendered,
    data,
  }));
};

/** Delivers one message to each citizen linked to the case, in one transaction. */
async function deliverToLinked(
  ctx: WorkerContext,
  caseId: string,
  message: (userId: string) => Parameters<typeof deliverMessage>[2],
): Promise<'done' | 'skipped'> {
  const delivered = await ctx.outbox.transaction(async (manager, emit) => {
    let count = 0;
    for (const userId of await listLinkedUserIds(manager, caseId)) {
      if (await deliverMessage(manager, emit, message(userId))) count += 1;
    }
    return count;
  });
  return delivered > 0 ? 'done' : 'skipped';
}

function statusCheckUrl(ctx: WorkerContext): string {
  return `${ctx.config.publicUrl}${PAGES.statusCheck}`;
}
