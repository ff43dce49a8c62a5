import { issueAccessKey } from '../../services/cases/access-keys';
import { findCaseSummaryRow, responsibleName, toCaseSummary } from '../../services/cases/case-summary';
import { deliverMessage } from '../../services/inbox/message-delivery.service';
import { renderMessage } from '../../services/inbox/message-templates';
import { PAGES } from '../../services/shared/page-paths';
import type { JobHandler } from '../job-handler';

/** The receipt of an ESP submission, into its sender's inbox. */
export const deliverSubmissionReceipt: JobHandler<'inbox.submission-received'> = async (job, ctx) => {
  const rows: Array<{ user_id: string; title: string; receipt_number: string; submitted_at: Date; sha256: string }> =
    await ctx.dataSource.query(`SELECT user_id, title, receipt_number, submitted_at, sha256 FROM submissions WHERE id = $1`, [
      job.data.submissionId,
    ]);
  if (rows.length === 0) return 'skipped';
  const s = rows[0];
  const data = {
    submissionId: job.data.submissionId,
    receiptNumber: s.receipt_number,
    submittedAt: s.submitted_at.toISOString(),
    sha256: s.sha256,
  };
  const delivered = await ctx.outbox.transaction((manager, emit) =>
    deliverMessage(manager, emit, {
      userId: s.user_id,
      kind: 'submission_received',
      eventKey: `submission-received:${job.data.submissionId}`,
      rendered: renderMessage('submission_received', { ...data, title: s.title }),
      data,
    }),
  );
  return delivered ? 'done' : 'skipped';
};

/**
 * The "case opened" notice, into the inbox of the citizen whose submission opened the case.
 * When they asked for an access key (and the office has not issued one meanwhile), it is made
 * here, in the transaction that writes the message: the clear key exists only in that message,
 * never in a job, row or log.
 */
export const deliverCaseOpened: JobHandler<'inbox.case-opened'> = async (job, ctx) => {
  const { caseId } = job.data;
  const eventKey = `case-opened:${caseId}`;
  const delivered = await ctx.outbox.transaction(async (manager, emit) => {
    // The case row lock makes a concurrent redelivery wait, then see the message and stop.
    const cases: Array<{ applicant_user_id: string | null; request_access_key: boolean | null }> = await manager.query(
      `SELECT c.applicant_user_id, s.request_access_key
         FROM cases c LEFT JOIN submissions s ON s.id = c.submission_id
        WHERE c.id = $1 FOR UPDATE OF c`,
      [caseId],
    );
    if (cases.length === 0 || !cases[0].applicant_user_id) return null;
    const existing: unknown[] = await manager.query(`SELECT 1 FROM messages WHERE event_key = $1`, [eventKey]);
    if (existing.length > 0) return null;
    const row = await findCaseSummaryRow(manager, caseId);
    if (!row) return null;
    const summary = toCaseSummary(row);
    // A key the office already issued (at the counter, before this notice ran) stands: a new
    // one here would silently revoke it.
    const keyIssued = cases[0].request_access_key && (await manager.query(`SELECT 1 FROM access_keys WHERE case_id = $1 LIMIT 1`, [caseId])).length > 0;
    const accessKey = cases[0].request_access_key && !keyIssued ? await issueAccessKey(manager, caseId) : null;
    const data = {
      caseNumber: summary.number,
      title: summary.title,
      startedAt: summary.startedAt,
      dueAt: summary.dueAt,
      unitName: summary.unit.name,
      responsiblePerson: responsibleName(summary),
      ...(accessKey ? { accessKey } : {}),
    };
    const messageId = await deliverMessage(manager, emit, {
      userId: cases[0].applicant_user_id,
      kind: 'case_opened',
      eventKey,
      rendered: renderMessage('case_opened', { ...data, accessKey, statusCheckUrl: `${ctx.config.publicUrl}${PAGES.statusCheck}` }),
      data,
    });
    // A key issued here but never shown would revoke the one already delivered: roll it back
    // (the retry then finds the message and skips).
    if (!messageId && accessKey) throw new Error(`case_opened for ${caseId} was delivered concurrently; rolling back the new key`);
    return messageId;
  });
  return delivered ? 'done' : 'skipped';
};
