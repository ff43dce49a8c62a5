import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Correspondence in a case, both ways: the office's calls for completion (KPA art. 64 §2), which
 * a citizen's reply (a `submissions` row of kind `reply`) answers, and the office's letters
 * (decisions, notices) with their files and the moment a citizen first opened them.
 */
export class CaseCorrespondence1764910000000 implements MigrationInterface {
  name = 'CaseCorrespondence1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        what text NOT NULL CHECK (char_length(what) BETWEEN 1 AND 5000),
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'expired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL REFERENCES users (id),
        answered_at timestamptz,
        reply_id uuid REFERENCES submissions (id),
        CONSTRAINT case_calls_answer_complete CHECK ((status = 'answered') = (answered_at IS NOT NULL AND reply_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX case_calls_case ON case_calls (case_id, created_at)`);
    // The deadline scan looks for open calls past their date.
    await q.query(`CREATE INDEX case_calls_open_due ON case_calls (due_date) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE case_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        content text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 100000),
        sha256 text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        sent_by uuid NOT NULL REFERENCES users (id),
        opened_at timestamptz,
        opened_by uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX case_letters_case ON case_letters (case_id, sent_at)`);
    await q.query(`
      CREATE TABLE case_letter_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        letter_id uuid NOT NULL REFERENCES case_letters (id) ON DELETE CASCADE,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 text NOT NULL,
        data bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX case_letter_attachments_letter ON case_letter_attachments (letter_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_letter_attachments`);
    await q.query(`DROP TABLE case_letters`);
    await q.query(`DROP TABLE case_calls`);
  }
}
