import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ponaglenia (KPA art. 37): a citizen's reminder in an overdue case and its forwarding to the
 * higher authority. One open (`filed`) reminder per case, kept by a partial unique index, so two
 * citizens pressing at once cannot file two.
 */
export class CaseReminders1764700100000 implements MigrationInterface {
  name = 'CaseReminders1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        filed_by uuid NOT NULL REFERENCES users (id),
        justification text NOT NULL CHECK (char_length(justification) BETWEEN 1 AND 5000),
        filed_at timestamptz NOT NULL DEFAULT now(),
        forward_by timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'filed' CHECK (status IN ('filed', 'forwarded')),
        forwarded_at timestamptz,
        forwarded_to text CHECK (char_length(forwarded_to) BETWEEN 1 AND 200),
        forwarded_by uuid REFERENCES users (id),
        CONSTRAINT case_reminders_forwarding_complete CHECK (
          (status = 'filed' AND forwarded_at IS NULL AND forwarded_to IS NULL AND forwarded_by IS NULL)
          OR (status = 'forwarded' AND forwarded_at IS NOT NULL AND forwarded_to IS NOT NULL)
        )
      )`);
    await q.query(`CREATE UNIQUE INDEX case_reminders_one_open_per_case ON case_reminders (case_id) WHERE status = 'filed'`);
    await q.query(`CREATE INDEX case_reminders_case ON case_reminders (case_id, filed_at DESC)`);
    await q.query(`CREATE INDEX case_reminders_filed ON case_reminders (filed_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_reminders`);
  }
}
