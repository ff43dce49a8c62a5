import { accessKeyEverIssued } from '../../services/cases/access-key.repository';
import { issueAccessKey } from '../../services/cases/access-keys';
import { findCaseSummaryById, lockCaseForOpenedNotice } from '../../services/cases/case.repository';
import { responsibleName, toCaseSummary } from '../../services/cases/case-summary';
import { messageExists } from '../../services/inbox/message.repository';
import { findSubmissionForReceipt } from '../../services/submissions/submission.repository';
import { deliverMessage } from '../../services/inbox/message-delivery.service';
import { renderMessage } from '../../services/inbox/message-templates';
import { PAGES } from '../../services/shared/page-paths';
import type { JobHandler } from '../job-handler';

/** The receipt of an ESP submission, into its sender's inbox. */
export const deliverSubmissionReceipt: JobHandler<'inbox.submission-received'> = async (job, ctx) => {
  const s = await findSubmissionForReceipt(ctx.dataSource, job.data.submissionId);
  if (!s) return 'skipped';
  const data = {
    submissionId: job.data.submissionId,
    receiptNumber: s.receiptNumber,
    submittedAt: s.submittedAt.toISOString(),
    sha256: s.sha256,
  };
  const delivered = await ctx.outbox.transaction((manager, emit) =>
    deliverMessage(manager, emit, {
      userId: s.userId,
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
    const locked = await lockCaseForOpenedNotice(manager, caseId);
    if (!locked?.applicantUserId) return null;
    if (await messageExists(manager, eventKey)) return null;
    const record = await findCaseSummaryById(manager, caseId);
    if (!record) return null;
    const summary = toCaseSummary(record);
    // A key the office already issued (at the counter, before this notice ran) stands: a new
    // one here would silently revoke it.
    const keyIssued = locked.requestAccessKey && (await accessKeyEverIssued(manager, caseId));
    const accessKey = locked.requestAccessKey && !keyIssued ? await issueAccessKey(manager, caseId) : null;
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
      userId: locked.applicantUserId,
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
