import type { DataSource, EntityManager } from 'typeorm';
import type { Emit, Outbox } from '../outbox/outbox.service';
import { transactionTime } from '../shared/database';
import type { RateLimits } from '../shared/rate-limits';
import { allocateReceiptNumber } from './receipt-number';
import { assertStorageQuota, withinSubmissionAllowance } from './submission-limits';
import { insertAttachment, insertSubmission, listOwnSubmissions } from './submission.repository';
import type { SubmitInput } from './submission.schemas';
import { decodeAttachments, sha256Hex, type DecodedFile } from './attachments';

/** What a citizen sends: a first letter, or (with `caseId`) a reply in a case. */
export interface IncomingDocument {
  userId: string;
  title: string;
  content: string;
  requestAccessKey: boolean;
  files: DecodedFile[];
  caseId?: string;
}

/** The receipt of an accepted document, as the API answers it. */
export interface AcceptedDocument {
  id: string;
  receiptNumber: string;
  submittedAt: string;
  sha256: string;
}

/**
 * Stores a citizen's document in the caller's transaction: receipt number, hash, files, and the
 * receipt message (`submission_received`). First letters and replies are accepted alike.
 */
export async function acceptDocument(manager: EntityManager, emit: Emit, doc: IncomingDocument): Promise<AcceptedDocument> {
  // First letters and replies both come through this one door, so the storage quota holds for
  // both (the hourly allowance is charged before the transaction: withinSubmissionAllowance).
  await assertStorageQuota(manager, doc.userId, doc.files.reduce((sum, f) => sum + f.sizeBytes, 0));
  const digest = sha256Hex(doc.content);
  const now = await transactionTime(manager);
  const receiptNumber = await allocateReceiptNumber(manager, now);
  const { id, submittedAt } = await insertSubmission(manager, {
    userId: doc.userId,
    title: doc.title,
    content: doc.content,
    sha256: digest,
    receiptNumber,
    requestAccessKey: doc.requestAccessKey,
    submittedAt: now,
    caseId: doc.caseId ?? null,
  });
  for (const f of doc.files) await insertAttachment(manager, { submissionId: id, ...f });
  await emit({ name: 'inbox.submission-received', data: { submissionId: id } });
  return { id, receiptNumber, submittedAt: submittedAt.toISOString(), sha256: digest };
}

/** The electronic submission box (ESP): citizens send documents and get receipts. */
export class SubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly rateLimits: RateLimits,
  ) {}

  /**
   * Accepts a document with its attachments and records its receipt message, in one transaction;
   * within the account's hourly allowance and storage quota.
   */
  async submit(userId: string, input: SubmitInput) {
    const files = decodeAttachments(input.attachments);
    return withinSubmissionAllowance(this.rateLimits, userId, () =>
      this.outbox.transaction(async (manager, emit) => {
        const accepted = await acceptDocument(manager, emit, { userId, title: input.title, content: input.content, requestAccessKey: input.requestAccessKey, files });
        return { ...accepted, status: 'received' as const };
      }),
    );
  }

  /** The citizen's own submissions, newest first, with the case opened from each. */
  async listOwn(userId: string) {
    const records = await listOwnSubmissions(this.dataSource, userId);
    return { items: records.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() })) };
  }
}
