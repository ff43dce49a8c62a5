import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revoked access tokens, durably: Redis holds them for the fast check on every request, and
 * loses them when it is down or restarted without persistence. PostgreSQL keeps them until
 * they would have expired anyway, so a logout holds whatever Redis does.
 */
export class RevokedTokens1764800000000 implements MigrationInterface {
  name = 'RevokedTokens1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE revoked_tokens (
        token_id uuid PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revoked_tokens`);
  }
}
