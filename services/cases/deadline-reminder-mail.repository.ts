import type { EntityManager } from 'typeorm';
import type { DeadlineReminderMail } from '../../entities/deadline-reminder-mail.entity';
import type { Db } from '../shared/database';

/**
 * Records the reminder of `day` for each of these officials, once: returns the ids recorded now.
 * An official who had theirs that day (an earlier scan, or one committing concurrently: the
 * insert waits for it) is not returned, so their e-mail is never recorded twice.
 */
export async function claimReminderMails(manager: EntityManager, day: string, scannedAt: Date, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows: Array<Pick<DeadlineReminderMail, 'userId'>> = await manager.query(
    `INSERT INTO deadline_reminder_mails (user_id, day, scanned_at)
     SELECT id, $2::date, $3 FROM unnest($1::uuid[]) AS id ORDER BY id
     ON CONFLICT (user_id, day) DO NOTHING RETURNING user_id AS "userId"`,
    [userIds, day, scannedAt],
  );
  return rows.map((r) => r.userId);
}

/** When the scan that recorded this official's reminder of `day` ran, or null when none was recorded. */
export async function findReminderScanTime(db: Db, userId: string, day: string): Promise<DeadlineReminderMail['scannedAt'] | null> {
  const rows: Array<Pick<DeadlineReminderMail, 'scannedAt'>> = await db.query(
    `SELECT scanned_at AS "scannedAt" FROM deadline_reminder_mails WHERE user_id = $1 AND day = $2::date`,
    [userId, day],
  );
  return rows[0]?.scannedAt ?? null;
}
