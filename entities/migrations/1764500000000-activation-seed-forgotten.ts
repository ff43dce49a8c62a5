import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An activation code's seed (from which, with the pepper, the clear code can be derived) is
 * kept only until its e-mail is sent or the code is spent: afterwards only the keyed hash remains.
 */
export class ActivationSeedForgotten1764500000000 implements MigrationInterface {
  name = 'ActivationSeedForgotten1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activation_codes ALTER COLUMN seed DROP NOT NULL`);
    await q.query(`UPDATE activation_codes SET seed = NULL WHERE spent_at IS NOT NULL OR expires_at < now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM activation_codes WHERE seed IS NULL`);
    await q.query(`ALTER TABLE activation_codes ALTER COLUMN seed SET NOT NULL`);
  }
}
