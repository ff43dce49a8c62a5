import type { CaseStatus } from '../../entities/case.entity';
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
  const rows: Array<{ case_id: string; number: string; status: CaseStatus; note: string | null; changed_at: Date }> = await ctx.dataSource.query(
    `SELECT h.case_id, c.number, h.status, h.note, h.changed_at FROM case_history h JOIN cases c ON c.id = h.case_id WHERE h.id = $1`,
    [historyId],
  );
  if (rows.length === 0) return 'skipped';
  const h = rows[0];
  const data = {
    caseNumber: h.number,
    status: h.status,
    statusLabel: CASE_STATUS_LABELS[h.status],
    note: h.note,
    changedAt: h.changed_at.toISOString(),
  };
  const rendered = renderMessage('case_status_changed', { ...data, statusCheckUrl: statusCheckUrl(ctx) });
  return deliverToLinked(ctx, h.case_id, (userId) => ({
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
  const rows: Array<{ case_id: string; number: string; due_at: Date; reason: string }> = await ctx.dataSource.query(
    `SELECT d.case_id, c.number, d.due_at, d.reason FROM case_deadline_changes d JOIN cases c ON c.id = d.case_id WHERE d.id = $1`,
    [deadlineChangeId],
  );
  if (rows.length === 0) return 'skipped';
  const d = rows[0];
  const data = { caseNumber: d.number, dueAt: d.due_at.toISOString(), reason: d.reason };
  const rendered = renderMessage('case_deadline_changed', { ...data, statusCheckUrl: statusCheckUrl(ctx) });
  return deliverToLinked(ctx, d.case_id, (userId) => ({
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
    const links: Array<{ user_id: string }> = await manager.query(
      `SELECT user_id FROM case_links WHERE case_id = $1 ORDER BY linked_at, user_id`,
      [caseId],
    );
    let count = 0;
    for (const link of links) {
      if (await deliverMessage(manager, emit, message(link.user_id))) count += 1;
    }
    return count;
  });
  return delivered > 0 ? 'done' : 'skipped';
}

function statusCheckUrl(ctx: WorkerContext): string {
  return `${ctx.config.publicUrl}${PAGES.statusCheck}`;
}
