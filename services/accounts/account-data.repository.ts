import type { EntityManager } from 'typeorm';
import type { Db } from '../shared/database';

/*
 * The one place that reads and erases everything held about one person across the tables
 * (GDPR art. 15, 17 and 20). Kept together on purpose: the export and the erasure must name the
 * same tables, and a table added later has one place to be added to.
 */

/** What the export holds beyond the account itself. */
export interface PersonalRecords {
  messages: Array<{ id: string; kind: string; subject: string; bodyText: string; createdAt: Date; readAt: Date | null }>;
  submissions: Array<{
    id: string;
    kind: string;
    title: string;
    content: string;
    receiptNumber: string;
    status: string;
    submittedAt: Date;
    caseNumber: string | null;
    attachments: Array<{ filename: string; contentType: string; sizeBytes: number }>;
  }>;
  cases: Array<{ number: string; title: string; status: string; via: string; linkedAt: Date }>;
  statusChecks: Array<{ caseNumber: string; status: string; requestedAt: Date; deliveredAt: Date | null }>;
  logins: Array<{ at: Date; action: string; ip: string | null }>;
}

/** Everything but the account row: messages, letters (with attachment names), linked cases, status checks, own login history. */
export async function loadPersonalRecords(db: Db, userId: string): Promise<PersonalRecords> {
  const [messages, submissions, cases, statusChecks, logins] = await Promise.all([
    db.query(
      `SELECT id, kind, subject, body_text AS "bodyText", created_at AS "createdAt", read_at AS "readAt"
         FROM messages WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    ),
    db.query(
      `SELECT s.id, s.kind, s.title, s.content, s.receipt_number AS "receiptNumber", s.status, s.submitted_at AS "submittedAt",
              COALESCE(reply_case.number, opened.number) AS "caseNumber",
              COALESCE((SELECT json_agg(json_build_object('filename', a.filename, 'contentType', a.content_type, 'sizeBytes', a.size_bytes) ORDER BY a.filename)
                          FROM submission_attachments a WHERE a.submission_id = s.id), '[]'::json) AS attachments
         FROM submissions s
         LEFT JOIN cases reply_case ON reply_case.id = s.case_id
         LEFT JOIN cases opened ON opened.submission_id = s.id
        WHERE s.user_id = $1 ORDER BY s.submitted_at, s.id`,
      [userId],
    ),
    db.query(
      `SELECT c.number, c.title, c.status, l.via, l.linked_at AS "linkedAt"
         FROM case_links l JOIN cases c ON c.id = l.case_id WHERE l.user_id = $1 ORDER BY l.linked_at, c.number`,
      [userId],
    ),
    db.query(
      `SELECT case_number AS "caseNumber", status, requested_at AS "requestedAt", delivered_at AS "deliveredAt"
         FROM status_checks WHERE user_id = $1 ORDER BY requested_at, id`,
      [userId],
    ),
    db.query(
      `SELECT at, action, ip FROM audit_entries
        WHERE subject = $1 AND (action LIKE 'login.%' OR action = 'logout') ORDER BY at, id`,
      [userId],
    ),
  ]);
  return { messages, submissions, cases, statusChecks, logins } as PersonalRecords;
}

/** True when letters, cases or ponaglenia of the office name this person: their name must stay with them. */
export async function hasCaseDocuments(manager: EntityManager, userId: string): Promise<boolean> {
  const rows: Array<{ has: boolean }> = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM submissions WHERE user_id = $1)
         OR EXISTS (SELECT 1 FROM cases WHERE applicant_user_id = $1)
         OR EXISTS (SELECT 1 FROM case_reminders WHERE filed_by = $1) AS has`,
    [userId],
  );
  return rows[0].has;
}

/**
 * Erases an account in the caller's transaction: its messages, status checks, case links and
 * codes go; the row stays (status `deleted`) with its login and address freed for others, its
 * password unusable, and its names blanked unless `keepNames` (case documents name them).
 * Letters sent to the office stay: they were delivered with a receipt and belong to its records.
 */
export async function eraseAccount(manager: EntityManager, userId: string, keepNames: boolean): Promise<void> {
  // Status checks first: they point at their answer messages.
  await manager.query(`DELETE FROM status_checks WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM messages WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM case_links WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM account_codes WHERE user_id = $1`, [userId]);
  await manager.query(`DELETE FROM activation_codes WHERE user_id = $1`, [userId]);
  // The placeholders cannot collide with a real account: a login has at most 32 characters and
  // no address ends in the reserved .invalid (RFC 2606), which also keeps mail from going there.
  await manager.query(
    `UPDATE users
        SET status = 'deleted', deleted_at = now(),
            login = 'deleted-' || id::text, email = id::text || '@deleted.invalid', email_normalized = id::text || '@deleted.invalid',
            password_hash = '!', notify_by_email = false, last_status_mail_at = NULL,
            first_name = CASE WHEN $2 THEN first_name ELSE '' END,
            last_name = CASE WHEN $2 THEN last_name ELSE '' END
      WHERE id = $1`,
    [userId, keepNames],
  );
}
