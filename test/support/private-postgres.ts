import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ownForServer, runAsServerUser } from './as-postgres-user';
import { freePort } from './ports';

/** How a private server is made and run. */
export interface PrivatePostgresOptions {
  /** A streaming replica of this (running) server: `pg_basebackup -R` instead of initdb. */
  replicaOf?: PrivatePostgres;
  /** Server settings for every start (`name=value`), e.g. shared_preload_libraries. */
  settings?: string[];
}

/**
 * A PostgreSQL server of a test's own, from Debian's binaries, on a given port: a fault drill
 * stops and starts it without touching the shared one. Its address allows streaming
 * replication (initdb's default pg_hba), so another private server can follow it.
 */
export class PrivatePostgres {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'pg-drill-'));
  private readonly bin = path.join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin');

  constructor(
    readonly port: number,
    private readonly options: PrivatePostgresOptions = {},
  ) {
    ownForServer(this.dir);
    const primary = options.replicaOf;
    if (primary) {
      // -R writes standby.signal and primary_conninfo: the copy starts as a hot standby that streams.
      this.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', this.data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    } else {
      this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    }
  }

  /** The URL of a database on this server. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    const settings = ['listen_addresses=127.0.0.1', 'fsync=off', ...(this.options.settings ?? [])].map((s) => `-c ${s}`).join(' ');
    try {
      this.run('pg_ctl', ['-D', this.data, '-l', this.log, '-w', '-t', '30', '-o', `-p ${this.port} -k ${this.dir} ${settings}`, 'start']);
    } catch (error) {
      // pg_ctl says only that it failed: the server's own log says why (a port taken meanwhile, ...).
      throw new Error(`${(error as Error).message}\nserver log:\n${this.logTail()}`);
    }
  }

  /** Stops at once, as a crash or a pulled cable would (no checkpoint, connections cut). */
  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops (if running) and removes the data directory. */
  remove(): void {
    try {
      this.stop();
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get log(): string {
    return path.join(this.dir, 'log');
  }

  private logTail(): string {
    try {
      return readFileSync(this.log, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '(none)';
    }
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private run(tool: string, args: string[]): void {
    runAsServerUser(path.join(this.bin, tool), args);
  }
}

/**
 * A private server made and started on a free port. A port found free can be taken by another
 * process (other test runs on the machine) before the server binds it: then the server is made
 * again on another port, at most three times.
 */
export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  for (let attempt = 1; ; attempt++) {
    const server = new PrivatePostgres(await freePort(), options);
    try {
      server.start();
      return server;
    } catch (error) {
      server.remove();
      if (attempt === 3 || !/already in use|could not bind|could not create any TCP\/IP sockets/i.test((error as Error).message)) throw error;
    }
  }
}
