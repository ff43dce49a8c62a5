import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import { transactionTime } from '../shared/database';
import type { RateLimits } from '../shared/rate-limits';
import { allocateReceiptNumber } from './receipt-number';
import { assertStorageQuota, chargeSubmissionAllowance } from './submission-limits';
import { insertAttachment, insertSubmission, listOwnSubmissions } from './submission.repository';
import { MAX_ATTACHMENTS_BYTES, type SubmitInput } from './submission.schemas';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

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
    const files = input.attachments.map((a) => ({ ...a, data: Buffer.from(a.dataBase64, 'base64') }));
    const total = files.reduce((sum, f) => sum + f.data.length, 0);
    if (total > MAX_ATTACHMENTS_BYTES) {
      throw new AppError(413, 'payload_too_large', 'Za duże załączniki', `Załączniki mogą mieć razem najwyżej 5 MiB (te mają ${(total / 1048576).toFixed(1)} MiB).`, undefined, {}, 'attachments');
    }
    const refund = await chargeSubmissionAllowance(this.rateLimits, userId);
    try {
      return await this.store(userId, input, files, total);
    } catch (error) {
      await refund();
      throw error;
    }
  }

  private store(userId: string, input: SubmitInput, files: Array<SubmitInput['attachments'][number] & { data: Buffer }>, total: number) {
    const digest = sha256(input.content);
    return this.outbox.transaction(async (manager, emit) => {
      await assertStorageQuota(manager, userId, total);
      const now = await transactionTime(manager);
      const receiptNumber = await allocateReceiptNumber(manager, now);
      const { id, submittedAt } = await insertSubmission(manager, {
        userId,
        title: input.title,
        content: input.content,
        sha256: digest,
        receiptNumber,
        requestAccessKey: input.requestAccessKey,
        submittedAt: now,
      });
      for (const f of files) {
        await insertAttachment(manager, {
          submissionId: id,
          filename: f.filename,
          contentType: f.contentType,
          sizeBytes: f.data.length,
          sha256: sha256(f.data),
          data: f.data,
        });
      }
      await emit({ name: 'inbox.submission-received', data: { submissionId: id } });
      return { id, receiptNumber, submittedAt: submittedAt.toISOString(), sha256: digest, status: 'received' as const };
    });
  }

  /** The citizen's own submissions, newest first, with the case opened from each. */
  async listOwn(userId: string) {
    const records = await listOwnSubmissions(this.dataSource, userId);
    return { items: records.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() })) };
  }
}
