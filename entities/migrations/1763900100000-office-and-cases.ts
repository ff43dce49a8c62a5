import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office: organisational units, ESP submissions with attachments, cases with their
 * gap-free numbering, history, deadline changes, links to citizens, internet access keys,
 * and the citizens' status-check requests.
 */
export class OfficeAndCases1763900100000 implements MigrationInterface {
  name = 'OfficeAndCases1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        symbol text NOT NULL CHECK (symbol ~ '^[A-Z]{1,5}(-[A-Z0-9]{1,5})?$'),
        name text NOT NULL,
        phone text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX units_symbol_key ON units (symbol)`);
    await q.query(`ALTER TABLE users ADD COLUMN unit_id uuid REFERENCES units (id)`);

    // Counters make receipt and case numbers gap-free: the increment commits or rolls back
    // with the row that uses it, and concurrent openers wait on the counter row.
    await q.query(`CREATE TABLE receipt_counters (year int PRIMARY KEY, last int NOT NULL)`);
    await q.query(`
      CREATE TABLE case_counters (
        unit_id uuid NOT NULL REFERENCES units (id),
        jrwa_symbol text NOT NULL,
        year int NOT NULL,
        last int NOT NULL,
        PRIMARY KEY (unit_id, jrwa_symbol, year)
      )`);

    await q.query(`
      CREATE TABLE submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        title text NOT NULL,
        content text NOT NULL,
        sha256 text NOT NULL,
        receipt_number text NOT NULL,
        request_access_key boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'registered')),
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX submissions_receipt_number_key ON submissions (receipt_number)`);
    await q.query(`CREATE INDEX submissions_user ON submissions (user_id, submitted_at DESC)`);
    await q.query(`CREATE INDEX submissions_status ON submissions (status, submitted_at)`);

    await q.query(`
      CREATE TABLE submission_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 text NOT NULL,
        data bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX submission_attachments_submission ON submission_attachments (submission_id)`);

    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL,
        unit_id uuid NOT NULL REFERENCES units (id),
        jrwa_symbol text NOT NULL CHECK (jrwa_symbol ~ '^[0-9]{1,4}$'),
        seq int NOT NULL,
        year int NOT NULL,
        title text NOT NULL,
        status text NOT NULL DEFAULT 'registered' CHECK (status IN
          ('registered', 'in_progress', 'awaiting_applicant', 'suspended', 'resolved', 'transferred', 'discontinued')),
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        deadline_days int NOT NULL CHECK (deadline_days IN (7, 14, 30, 60)),
        due_at timestamptz,
        paused_since timestamptz,
        responsible_id uuid REFERENCES users (id),
        submission_id uuid REFERENCES submissions (id),
        applicant_user_id uuid REFERENCES users (id),
        applicant_first_name text,
        applicant_last_name text,
        opened_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cases_number_parts UNIQUE (unit_id, jrwa_symbol, year, seq)
      )`);
    await q.query(`CREATE UNIQUE INDEX cases_number_key ON cases (number)`);
    await q.query(`CREATE UNIQUE INDEX cases_submission_key ON cases (submission_id) WHERE submission_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_unit_status ON cases (unit_id, status)`);
    await q.query(`CREATE INDEX cases_started ON cases (started_at DESC)`);

    await q.query(`
      CREATE TABLE case_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        status text NOT NULL,
        note text,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX case_history_case ON case_history (case_id, changed_at)`);

    await q.query(`
      CREATE TABLE case_deadline_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        reason text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX case_deadline_changes_case ON case_deadline_changes (case_id, changed_at)`);

    await q.query(`
      CREATE TABLE case_links (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        via text NOT NULL CHECK (via IN ('submission', 'access_key')),
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, user_id)
      )`);
    await q.query(`CREATE INDEX case_links_user ON case_links (user_id, linked_at DESC)`);

    await q.query(`
      CREATE TABLE access_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        key_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX access_keys_key_hash_key ON access_keys (key_hash)`);
    await q.query(`CREATE UNIQUE INDEX access_keys_one_live_per_case ON access_keys (case_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE status_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        case_number text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'delivered', 'failed')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        message_id uuid REFERENCES messages (id)
      )`);
    await q.query(`CREATE INDEX status_checks_queued ON status_checks (requested_at) WHERE status = 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE status_checks, access_keys, case_links, case_deadline_changes, case_history, cases,
      submission_attachments, submissions, case_counters, receipt_counters`);
    await q.query(`ALTER TABLE users DROP COLUMN unit_id`);
    await q.query(`DROP TABLE units`);
  }
}
