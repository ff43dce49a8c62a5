import type { EntityManager } from 'typeorm';
import type { Case } from '../../entities/case.entity';
import type { SubmissionAttachment } from '../../entities/submission-attachment.entity';
import { Submission, type SubmissionStatus } from '../../entities/submission.entity';
import type { User } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** A citizen's own submission as listed to them, with the case opened from it. */
export type OwnSubmissionRecord = Pick<Submission, 'id' | 'title' | 'receiptNumber' | 'submittedAt' | 'status'> & { caseNumber: Case['number'] | null };

/** An incoming submission as the filing office lists it: sender, attachments and any case opened from it. */
export type OfficeSubmissionRecord = Pick<Submission, 'id' | 'title' | 'receiptNumber' | 'submittedAt' | 'status' | 'requestAccessKey'> & {
  sender: Pick<User, 'firstName' | 'lastName'>;
  attachments: Array<Pick<SubmissionAttachment, 'filename' | 'contentType' | 'sizeBytes'>>;
  caseNumber: Case['number'] | null;
};

/**
 * The next receipt number of the year. The counter row stays locked until the caller's
 * transaction ends: gap-free for the same reason as case numbers.
 */
export async function nextReceiptSeq(manager: EntityManager, year: number): Promise<number> {
  const rows: Array<{ last: number }> = await manager.query(
    `INSERT INTO receipt_counters (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = receipt_counters.last + 1 RETURNING last`,
    [year],
  );
  return rows[0].last;
}

/** Inserts a received submission (or, with `caseId`, a reply in that case); returns its id and when it was submitted. */
export async function insertSubmission(
  manager: EntityManager,
  s: Pick<Submission, 'userId' | 'title' | 'content' | 'sha256' | 'receiptNumber' | 'requestAccessKey' | 'submittedAt'> & Partial<Pick<Submission, 'caseId'>>,
): Promise<Pick<Submission, 'id' | 'submittedAt'>> {
  const rows: Array<Pick<Submission, 'id' | 'submittedAt'>> = await manager.query(
    `INSERT INTO submissions (user_id, title, content, sha256, receipt_number, request_access_key, submitted_at, kind, case_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::uuid IS NULL THEN 'submission' ELSE 'reply' END, $8) RETURNING id, submitted_at AS "submittedAt"`,
    [s.userId, s.title, s.content, s.sha256, s.receiptNumber, s.requestAccessKey, s.submittedAt, s.caseId ?? null],
  );
  return rows[0];
}

/** Stores one attachment of a submission. */
export async function insertAttachment(manager: EntityManager, a: Omit<SubmissionAttachment, 'id'>): Promise<void> {
  await manager.query(
    `INSERT INTO submission_attachments (submission_id, filename, content_type, size_bytes, sha256, data)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.submissionId, a.filename, a.contentType, a.sizeBytes, a.sha256, a.data],
  );
}

/** What the receipt message of a submission shows, or null. */
export function findSubmissionForReceipt(
  db: Db,
  id: string,
): Promise<Pick<Submission, 'id' | 'userId' | 'title' | 'receiptNumber' | 'submittedAt' | 'sha256'> | null> {
  return db.getRepository(Submission).findOne({
    where: { id },
    select: { id: true, userId: true, title: true, receiptNumber: true, submittedAt: true, sha256: true },
  });
}

/** Locks a submission for registration as a case, or null. */
export async function lockSubmission(manager: EntityManager, id: string): Promise<Pick<Submission, 'id' | 'userId' | 'status'> | null> {
  const rows: Array<Pick<Submission, 'id' | 'userId' | 'status'>> = await manager.query(
    `SELECT id, user_id AS "userId", status FROM submissions WHERE id = $1 AND kind = 'submission' FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** Marks a submission registered (a case was opened from it). */
export async function markSubmissionRegistered(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE submissions SET status = 'registered' WHERE id = $1`, [id]);
}

/** A citizen's submissions and replies, newest first, with the case opened from each (or replied in). */
export function listOwnSubmissions(db: Db, userId: string): Promise<OwnSubmissionRecord[]> {
  return db.query(
    `SELECT s.id, s.title, s.receipt_number AS "receiptNumber", s.submitted_at AS "submittedAt", s.status,
            COALESCE(c.number, rc.number) AS "caseNumber"
       FROM submissions s LEFT JOIN cases c ON c.submission_id = s.id LEFT JOIN cases rc ON rc.id = s.case_id
      WHERE s.user_id = $1 ORDER BY s.submitted_at DESC, s.receipt_number DESC`,
    [userId],
  );
}

/** Incoming submissions: waiting ones oldest first, any other list the newest 500. */
export async function listOfficeSubmissionRecords(db: Db, status?: SubmissionStatus): Promise<OfficeSubmissionRecord[]> {
  const rows: Array<Omit<OfficeSubmissionRecord, 'sender'> & Pick<User, 'firstName' | 'lastName'>> = await db.query(
    `SELECT s.id, s.title, s.receipt_number AS "receiptNumber", s.submitted_at AS "submittedAt", s.status,
            s.request_access_key AS "requestAccessKey", u.first_name AS "firstName", u.last_name AS "lastName",
            c.number AS "caseNumber",
            COALESCE((SELECT json_agg(json_build_object('filename', a.filename, 'contentType', a.content_type, 'sizeBytes', a.size_bytes))
                        FROM submission_attachments a WHERE a.submission_id = s.id), '[]') AS attachments
       FROM submissions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN cases c ON c.submission_id = s.id
      -- Replies in running cases go to their case, never to the registrar's list.
      WHERE s.kind = 'submission' AND ($1::text IS NULL OR s.status = $1)
      -- Documents waiting for registration: the oldest first (a work queue). Any other list: the
      -- newest 500, so that new documents never fall off the end of a long history.
      ORDER BY CASE WHEN $1::text = 'received' THEN s.submitted_at END ASC,
               s.submitted_at DESC, s.receipt_number DESC
      LIMIT 500`,
    [status ?? null],
  );
  return rows.map(({ firstName, lastName, attachments, caseNumber, ...r }) => ({ ...r, sender: { firstName, lastName }, attachments, caseNumber }));
}
