import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Citizen and staff accounts, activation codes, the contact inbox, the outbox and the audit log. */
export class AccountsAndInbox1763900000000 implements MigrationInterface {
  name = 'AccountsAndInbox1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login text NOT NULL,
        email text NOT NULL,
        email_normalized text NOT NULL,
        password_hash text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('citizen', 'registrar', 'official', 'admin')),
        status text NOT NULL CHECK (status IN ('pending_activation', 'active', 'disabled')),
        notify_by_email boolean NOT NULL DEFAULT true,
        last_status_mail_at timestamptz,
        activated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_login_lower CHECK (login = lower(login))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_login_key ON users (login)`);
    await q.query(`CREATE UNIQUE INDEX users_email_normalized_key ON users (email_normalized)`);

    await q.query(`
      CREATE TABLE activation_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        seed text NOT NULL,
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts int NOT NULL DEFAULT 0,
        spent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX activation_codes_user ON activation_codes (user_id, created_at)`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text NOT NULL,
        data jsonb NOT NULL,
        event_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX messages_event_key ON messages (event_key)`);
    await q.query(`CREATE INDEX messages_user_created ON messages (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX messages_user_unread ON messages (user_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_events_unpublished ON outbox_events (created_at) WHERE published_at IS NULL`);

    await q.query(`
      CREATE TABLE audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        subject text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_entries_at ON audit_entries (at DESC)`);
    await q.query(`CREATE INDEX audit_entries_actor ON audit_entries (actor, at DESC)`);
    await q.query(`CREATE INDEX audit_entries_action ON audit_entries (action, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entries, outbox_events, messages, activation_codes, users`);
  }
}
