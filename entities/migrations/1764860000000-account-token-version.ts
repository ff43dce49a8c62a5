import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every access token names its account's token version and its session (the chain of tokens a
 * login and its renewals make). Raising an account's version ends all its sessions at once
 * (disabled, role changed, password reset); logout revokes a whole session, renewals included.
 * Revocations were kept per token until now: tokens from before this carry no session and are
 * refused from now on (everyone logs in once more), so the old rows mean nothing any longer.
 */
export class AccountTokenVersion1764860000000 implements MigrationInterface {
  name = 'AccountTokenVersion1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX users_token_version ON users (id, token_version) WHERE token_version > 0`);
    await q.query(`DELETE FROM revoked_tokens`);
    await q.query(`ALTER TABLE revoked_tokens RENAME COLUMN token_id TO session_id`);
    await q.query(`ALTER TABLE revoked_tokens ADD COLUMN user_id uuid NOT NULL`);
    await q.query(`ALTER TABLE revoked_tokens RENAME TO revoked_sessions`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE revoked_sessions RENAME TO revoked_tokens`);
    await q.query(`ALTER TABLE revoked_tokens DROP COLUMN user_id`);
    await q.query(`ALTER TABLE revoked_tokens RENAME COLUMN session_id TO token_id`);
    await q.query(`DROP INDEX users_token_version`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
