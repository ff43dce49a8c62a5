import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import { allocateReceiptNumber } from './receipt-number';
import { MAX_ATTACHMENTS_BYTES, type SubmitInput } from './submission.schemas';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The electronic submission box (ESP): citizens send documents and get receipts. */
export class SubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Accepts a document with its attachments and records its receipt message, in one transaction. */
  async submit(userId: string, input: SubmitInput) {
    const files = input.attachments.map((a) => ({ ...a, data: Buffer.from(a.dataBase64, 'base64') }));
    const total = files.reduce((sum, f) => sum + f.data.length, 0);
    if (total > MAX_ATTACHMENTS_BYTES) {
      throw new AppError(413, 'payload_too_large', 'Za duże załączniki', `Załączniki mogą mieć razem najwyżej 5 MiB (te mają ${(total / 1048576).toFixed(1)} MiB).`);
    }
    const digest = sha256(input.content);
    return this.outbox.transaction(async (manager, emit) => {
      const [{ now }]: Array<{ now: Date }> = await manager.query(`SELECT now() AS now`);
      const receiptNumber = await allocateReceiptNumber(manager, now);
      const rows: Array<{ id: string; submitted_at: Date }> = await manager.query(
        `INSERT INTO submissions (user_id, title, content, sha256, receipt_number, request_access_key, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, submitted_at`,
        [userId, input.title, input.content, digest, receiptNumber, input.requestAccessKey, now],
      );
      const { id, submitted_at } = rows[0];
      for (const f of files) {
        await manager.query(
          `INSERT INTO submission_attachments (submission_id, filename, content_type, size_bytes, sha256, data)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, f.filename, f.contentType, f.data.length, sha256(f.data), f.data],
        );
      }
      await emit({ name: 'inbox.submission-received', data: { submissionId: id } });
      return { id, receiptNumber, submittedAt: submitted_at.toISOString(), sha256: digest, status: 'received' as const };
    });
  }

  /** The citizen's own submissions, newest first, with the case opened from each. */
  async listOwn(userId: string) {
    const rows: Array<{ id: string; title: string; receipt_number: string; submitted_at: Date; status: 'received' | 'registered'; case_number: string | null }> =
      await this.dataSource.query(
        `SELECT s.id, s.title, s.receipt_number, s.submitted_at, s.status, c.number AS case_number
           FROM submissions s LEFT JOIN cases c ON c.submission_id = s.id
          WHERE s.user_id = $1 ORDER BY s.submitted_at DESC, s.receipt_number DESC`,
        [userId],
      );
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        receiptNumber: r.receipt_number,
        submittedAt: r.submitted_at.toISOString(),
        status: r.status,
        caseNumber: r.case_number,
      })),
    };
  }
}
