import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPA deadlines (art. 35, 57): a case's term is a number of days or of months (the default is now
 * one month), and `expectedBy` reads the median duration of a unit's resolved cases of one JRWA
 * class from a summary row kept up to date on resolution and by the daily scan, never from a scan
 * per request. Existing cases keep their `due_at`.
 */
export class KpaDeadlines1764600000000 implements MigrationInterface {
  name = 'KpaDeadlines1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ALTER COLUMN deadline_days DROP NOT NULL`);
    await q.query(`ALTER TABLE cases ADD COLUMN deadline_months int CHECK (deadline_months IN (1, 2))`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT cases_one_deadline_term CHECK ((deadline_days IS NULL) <> (deadline_months IS NULL))`);
    // The cases a median is computed from: one unit, one class, resolved recently.
    await q.query(`CREATE INDEX cases_resolved_by_class ON cases (unit_id, jrwa_symbol, ended_at) WHERE status = 'resolved'`);
    await q.query(`
      CREATE TABLE case_resolution_medians (
        unit_id uuid NOT NULL REFERENCES units (id),
        jrwa_symbol text NOT NULL,
        median_seconds double precision,
        sample_size int NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, jrwa_symbol)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_resolution_medians`);
    await q.query(`DROP INDEX cases_resolved_by_class`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT cases_one_deadline_term`);
    await q.query(`UPDATE cases SET deadline_days = 30 WHERE deadline_days IS NULL`);
    await q.query(`ALTER TABLE cases DROP COLUMN deadline_months`);
    await q.query(`ALTER TABLE cases ALTER COLUMN deadline_days SET NOT NULL`);
  }
}
