import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen self-service (issue 11): e-mailed codes for a password reset and an address change,
 * the terms' version and time of acceptance, and erased accounts. An erased account keeps its
 * row (status `deleted`, login and address freed, token version raised) so that its old tokens
 * stay refused and case documents keep the name they were filed under.
 */
export class SelfService1764930000000 implements MigrationInterface {
  name = 'SelfService1764930000000';

  async up(q: QueryRunner): Promise<void> {
    // user_id is null for a reset asked for a login without an active account: the row costs the
    // same to write as a real one (so timing does not tell logins apart) and can never be used.
    await q.query(`
      CREATE TABLE account_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        new_email text,
        old_email text,
        seed text,
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts int NOT NULL DEFAULT 0,
        spent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT account_codes_new_email CHECK ((purpose = 'email_change') = (new_email IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX account_codes_live ON account_codes (user_id, purpose, created_at) WHERE spent_at IS NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN terms_version text, ADD COLUMN terms_accepted_at timestamptz, ADD COLUMN deleted_at timestamptz`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('pending_activation', 'active', 'disabled', 'deleted'))`);
    // The same for a new activation code asked for a login that is not pending (see resend-activation).
    await q.query(`ALTER TABLE activation_codes ALTER COLUMN user_id DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM activation_codes WHERE user_id IS NULL`);
    await q.query(`ALTER TABLE activation_codes ALTER COLUMN user_id SET NOT NULL`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await q.query(`UPDATE users SET status = 'disabled' WHERE status = 'deleted'`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('pending_activation', 'active', 'disabled'))`);
    await q.query(`ALTER TABLE users DROP COLUMN terms_version, DROP COLUMN terms_accepted_at, DROP COLUMN deleted_at`);
    await q.query(`DROP TABLE account_codes`);
  }
}
