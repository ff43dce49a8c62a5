import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline guard (KPA art. 35–37): one row per official and office day whose reminder
 * e-mail was recorded, so that however many scans run that day it goes out once; and an index
 * for the scan's one query, the open and running cases by due date.
 */
export class DeadlineReminders1764700000000 implements MigrationInterface {
  name = 'DeadlineReminders1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline_reminder_mails (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        day date NOT NULL,
        scanned_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, day)
      )`);
    // Only the statuses in which the deadline runs: the index stays as small as the work in hand.
    await q.query(`CREATE INDEX cases_running_due ON cases (due_at) WHERE status IN ('registered', 'in_progress') AND due_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_running_due`);
    await q.query(`DROP TABLE deadline_reminder_mails`);
  }
}
