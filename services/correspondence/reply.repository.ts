import type { Case } from '../../entities/case.entity';
import type { Submission } from '../../entities/submission.entity';
import type { Unit } from '../../entities/unit.entity';
import type { User } from '../../entities/user.entity';
import type { Db } from '../shared/database';

/** What the responsible official's e-mail about a reply needs. */
export type ReplyMailSource = Pick<Submission, 'receiptNumber' | 'submittedAt'> & {
  caseNumber: Case['number'];
  caseTitle: Case['title'];
  /** The last day of the call it answered, or null for a reply without one. */
  callDueDate: string | null;
  responsibleFirstName: User['firstName'] | null;
  responsibleEmail: User['email'] | null;
  unitEmail: Unit['email'];
};

/** The reply, its case, the call it answered and who to tell; or null. */
export async function findReplyMailSource(db: Db, replyId: string): Promise<ReplyMailSource | null> {
  const rows: ReplyMailSource[] = await db.query(
    `SELECT s.receipt_number AS "receiptNumber", s.submitted_at AS "submittedAt", c.number AS "caseNumber", c.title AS "caseTitle",
            (SELECT to_char(k.due_date, 'YYYY-MM-DD') FROM case_calls k WHERE k.reply_id = s.id) AS "callDueDate",
            o.first_name AS "responsibleFirstName", CASE WHEN o.status = 'active' THEN o.email END AS "responsibleEmail", u.email AS "unitEmail"
       FROM submissions s JOIN cases c ON c.id = s.case_id JOIN units u ON u.id = c.unit_id
       LEFT JOIN users o ON o.id = c.responsible_id
      WHERE s.id = $1 AND s.kind = 'reply'`,
    [replyId],
  );
  return rows[0] ?? null;
}
