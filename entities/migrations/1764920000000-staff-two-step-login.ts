import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-step login for staff (TOTP): the account's secret, encrypted (never in the clear), when the
 * second step was switched on, and the last time step a code was accepted for (a code works once).
 * A login that passed the password waits in `mfa_challenges` for its code: a random single-use
 * id (kept as a hash) valid 5 minutes, never an access token.
 */
export class StaffTwoStepLogin1764920000000 implements MigrationInterface {
  name = 'StaffTwoStepLogin1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN mfa_secret text`);
    await q.query(`ALTER TABLE users ADD COLUMN mfa_enabled_at timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN mfa_last_step bigint`);
    await q.query(`CREATE TABLE mfa_challenges (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX mfa_challenges_expires_at ON mfa_challenges (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mfa_challenges`);
    await q.query(`ALTER TABLE users DROP COLUMN mfa_last_step`);
    await q.query(`ALTER TABLE users DROP COLUMN mfa_enabled_at`);
    await q.query(`ALTER TABLE users DROP COLUMN mfa_secret`);
  }
}
