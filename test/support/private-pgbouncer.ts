import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ownForServer, spawnAsServerUser } from './as-postgres-user';

/**
 * Debian's PgBouncer of a test's own, in transaction mode (what operators put in front of
 * PostgreSQL), in front of the server at `target`, logging in there as `postgres` (trust auth).
 */
export class PrivatePgBouncer {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'pgbouncer-'));
  private process: ChildProcess | null = null;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {
    writeFileSync(
      path.join(this.dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${this.target.host} port=${this.target.port} user=postgres`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = any',
        'pool_mode = transaction',
        'max_client_conn = 500',
        'default_pool_size = 10',
        'ignore_startup_parameters = extra_float_digits,options',
        `logfile = ${path.join(this.dir, 'pgbouncer.log')}`,
      ].join('\n'),
    );
    ownForServer(this.dir);
  }

  /** Starts PgBouncer and waits until it takes connections. */
  async start(): Promise<void> {
    const ini = path.join(this.dir, 'pgbouncer.ini');
    this.process = spawnAsServerUser('pgbouncer', [ini]);
    const deadline = Date.now() + 10_000;
    while (!(await listening(this.port))) {
      if (Date.now() > deadline) throw new Error('PgBouncer did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    const proc = this.process;
    this.process = null;
    if (proc && proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
