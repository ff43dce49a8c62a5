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

/** One file of a submission as it is listed (its bytes stay in the database until downloaded). */
export type AttachmentRecord = Pick<SubmissionAttachment, 'id' | 'filename' | 'contentType' | 'sizeBytes' | 'sha256'>;

/**
 * A submission or reply as it is read again: its text, files, sender, and its case with the
 * unit that runs it (for a reply the case it was sent in, for a first letter the case opened from it).
 */
export type SubmissionDetailRecord = Pick<Submission, 'id' | 'userId' | 'kind' | 'title' | 'content' | 'receiptNumber' | 'submittedAt' | 'sha256' | 'status'> & {
  sender: Pick<User, 'firstName' | 'lastName' | 'email'>;
  caseNumber: Case['number'] | null;
  caseUnitId: Case['unitId'] | null;
  attachments: AttachmentRecord[];
};

/** A submission with its files (without their bytes), sender and case, or null. */
export async function findSubmissionDetail(db: Db, id: string): Promise<SubmissionDetailRecord | null> {
  const rows: Array<Omit<SubmissionDetailRecord, 'sender'> & Pick<User, 'firstName' | 'lastName' | 'email'>> = await db.query(
    `SELECT s.id, s.user_id AS "userId", s.kind, s.title, s.content, s.receipt_number AS "receiptNumber",
            s.submitted_at AS "submittedAt", s.sha256, s.status,
            u.first_name AS "firstName", u.last_name AS "lastName", u.email,
            COALESCE(rc.number, c.number) AS "caseNumber", COALESCE(rc.unit_id, c.unit_id) AS "caseUnitId",
            -- In one fixed order: the receipt's signature covers the list.
            COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type,
                                                        'sizeBytes', a.size_bytes, 'sha256', a.sha256) ORDER BY a.filename, a.sha256, a.id)
                        FROM submission_attachments a WHERE a.submission_id = s.id), '[]') AS attachments
       FROM submissions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN cases rc ON rc.id = s.case_id
       LEFT JOIN cases c ON c.submission_id = s.id
      WHERE s.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const { firstName, lastName, email, ...rest } = row;
  return { ...rest, sender: { firstName, lastName, email } };
}

/** One stored file of a submission with its bytes, or null. */
export async function findAttachmentFile(
  db: Db,
  submissionId: string,
  attachmentId: string,
): Promise<Pick<SubmissionAttachment, 'id' | 'filename' | 'contentType' | 'data'> | null> {
  const rows: Array<Pick<SubmissionAttachment, 'id' | 'filename' | 'contentType' | 'data'>> = await db.query(
    `SELECT id, filename, content_type AS "contentType", data FROM submission_attachments WHERE submission_id = $1 AND id = $2`,
    [submissionId, attachmentId],
  );
  return rows[0] ?? null;
}

/**
 * The bytes of every file an account has sent (submissions and replies), for its storage
 * quota. Holds a lock on the account's quota until the caller's transaction ends, so that two
 * submissions at once cannot both pass a check that only one of them fits.
 */
export async function lockedStoredBytes(manager: EntityManager, userId: string): Promise<number> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('submission-quota:' || $1::text, 0))`, [userId]);
  const rows: Array<{ total: string }> = await manager.query(
    `SELECT COALESCE(sum(a.size_bytes), 0)::bigint AS total
       FROM submission_attachments a JOIN submissions s ON s.id = a.submission_id WHERE s.user_id = $1`,
    [userId],
  );
  return Number(rows[0].total);
}

/** The letter a case was opened from, with the unit that runs the case, or null (a paper case). */
export async function findOpeningSubmission(db: Db, caseNumber: string): Promise<{ id: string; caseUnitId: string } | null> {
  const rows: Array<{ id: string; caseUnitId: string }> = await db.query(
    `SELECT c.submission_id AS id, c.unit_id AS "caseUnitId" FROM cases c WHERE c.number = $1 AND c.submission_id IS NOT NULL`,
    [caseNumber],
  );
  return rows[0] ?? null;
}
