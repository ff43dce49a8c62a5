import { Client } from 'pg';

/** The benchmark's own throwaway database on the server of `baseUrl`. */
export class BenchDatabase {
  readonly name = `case_status_bench_${Date.now()}`;
  readonly url: string;

  constructor(private readonly baseUrl: string) {
    const url = new URL(baseUrl);
    url.pathname = `/${this.name}`;
    this.url = url.toString();
  }

  async create(): Promise<void> {
    await this.onMaintenance(`CREATE DATABASE ${this.name}`);
  }

  async drop(): Promise<void> {
    await this.onMaintenance(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  /** A connected client on the bench database. */
  async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    return client;
  }

  private async onMaintenance(sql: string): Promise<void> {
    const url = new URL(this.baseUrl);
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

/**
 * Seeds `citizens` active citizens and `cases` cases of unit BEN, each linked to one citizen
 * (case i to citizen i mod citizens), with a history row each: every status check in the bench
 * asks for a real, linked case, the heaviest answer.
 */
export async function seedBench(db: Client, citizens: number, cases: number, year: number): Promise<{ userIds: string[] }> {
  await db.query(`INSERT INTO units (symbol, name, phone, email) VALUES ('BEN', 'Wydział Benchmarków', '+48 600 000 000', 'ben@urzad.example')`);
  await db.query(
    `INSERT INTO users (login, email, email_normalized, password_hash, first_name, last_name, role, status, activated_at, notify_by_email)
     SELECT 'bench.' || i, 'bench.' || i || '@example.pl', 'bench.' || i || '@example.pl', 'x', 'Jan', 'Testowy' || i, 'citizen', 'active', now(), false
       FROM generate_series(1, $1) AS i`,
    [citizens],
  );
  await db.query(
    `INSERT INTO users (login, email, email_normalized, password_hash, first_name, last_name, role, status, unit_id, notify_by_email)
     SELECT 'bench.official', 'bench.official@staff.invalid', 'bench.official@staff.invalid', 'x', 'Olga', 'Referent', 'official', 'active', id, false
       FROM units WHERE symbol = 'BEN'`,
  );
  const { rows: users } = await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'citizen' ORDER BY login`);
  await db.query(
    `INSERT INTO cases (number, unit_id, jrwa_symbol, seq, year, title, status, started_at, deadline_days, due_at, responsible_id, opened_by, updated_at)
     SELECT 'BEN.1.' || i || '.' || $2::int, u.id, '1', i, $2::int, 'Sprawa testowa ' || i, 'in_progress', now(), 30, now() + interval '30 days', o.id, o.id, now()
       FROM generate_series(1, $1) AS i, units u, users o
      WHERE u.symbol = 'BEN' AND o.login = 'bench.official'`,
    [cases, year],
  );
  await db.query(
    `INSERT INTO case_history (case_id, status, note, changed_at, changed_by)
     SELECT id, 'registered', 'Sprawa zarejestrowana', started_at, opened_by FROM cases
     UNION ALL
     SELECT id, 'in_progress', 'Sprawa w toku', started_at, opened_by FROM cases`,
  );
  await db.query(
    `INSERT INTO case_links (case_id, user_id, via)
     SELECT c.id, u.id, 'access_key'
       FROM cases c
       JOIN (SELECT id, row_number() OVER (ORDER BY login) - 1 AS n FROM users WHERE role = 'citizen') u
         ON u.n = (c.seq - 1) % $1`,
    [citizens],
  );
  await db.query('ANALYZE');
  return { userIds: users.map((u) => u.id) };
}
