import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen's reply in a case (KPA art. 64 §2 and any later letter) is a submission like the
 * first one: the same receipt numbers, hashes, signed receipts, files and limits. It says which
 * case it belongs to; the letter that opened a case is found from the case instead.
 */
export class RepliesAreSubmissions1764850000000 implements MigrationInterface {
  name = 'RepliesAreSubmissions1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions ADD COLUMN kind text NOT NULL DEFAULT 'submission' CHECK (kind IN ('submission', 'reply'))`);
    await q.query(`ALTER TABLE submissions ADD COLUMN case_id uuid REFERENCES cases (id)`);
    await q.query(`ALTER TABLE submissions ADD CONSTRAINT submissions_reply_has_case CHECK ((kind = 'reply') = (case_id IS NOT NULL))`);
    await q.query(`CREATE INDEX submissions_case ON submissions (case_id) WHERE case_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP COLUMN case_id, DROP COLUMN kind`);
  }
}
