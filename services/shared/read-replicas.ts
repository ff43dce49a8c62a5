import type { DataSource } from 'typeorm';
import { createReplicaDataSource } from '../../entities/data-source';
import type { Db } from './database';
import { logger } from './logger';
import { replicaReadFallbacks } from './metrics';
import { isDependencyUnavailable } from './unavailable';

/** How long a replica that failed is left alone before a read tries it again. */
const RETRY_AFTER_MS = 5000;

// A standby cancels a query whose rows recovery must remove (40001 with "conflict with recovery"):
// the primary has those rows, so the read goes there rather than failing.
const RECOVERY_CONFLICT = /conflict with recovery/i;

/** One read replica: its data source, connected on first use and again after a failure. */
class Replica {
  private downUntil = 0;
  private connecting: Promise<DataSource> | null = null;

  constructor(
    readonly name: string,
    private readonly dataSource: DataSource,
  ) {}

  usable(now: number): boolean {
    return now >= this.downUntil;
  }

  /** The connected data source (one connection attempt at a time). */
  connected(): Promise<DataSource> {
    if (this.dataSource.isInitialized) return Promise.resolve(this.dataSource);
    this.connecting ??= this.dataSource.initialize().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  markDown(error: unknown): void {
    // One line per outage, not one per read.
    if (this.usable(Date.now())) logger.warn({ err: error, replica: this.name }, 'read replica unreachable; the primary answers its reads for now');
    this.downUntil = Date.now() + RETRY_AFTER_MS;
  }

  async close(): Promise<void> {
    await this.connecting?.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Where reads that need not see the caller's own writes run: the read replicas of
 * DATABASE_REPLICA_URLS in turn, or the primary when there are none. A replica that is down,
 * starting or in conflict with recovery never fails a read: the primary answers it, and that
 * replica is tried again a few seconds later. Never use it for a read after a write of the same act.
 */
export class ReadReplicas {
  private next = 0;

  private constructor(
    private readonly primary: DataSource,
    private readonly replicas: readonly Replica[],
  ) {}

  /** The replicas of `urls` (none: every read on `primary`); they connect on first use, so one that is down does not stop the start. */
  static of(primary: DataSource, urls: readonly string[], poolSize: number): ReadReplicas {
    return new ReadReplicas(
      primary,
      urls.map((url) => new Replica(hostOf(url), createReplicaDataSource(url, poolSize))),
    );
  }

  /** Runs `read` on a replica, or on the primary when none can answer. */
  async read<T>(read: (db: Db) => Promise<T>): Promise<T> {
    const replica = this.pick();
    if (!replica) return read(this.primary);
    let db: DataSource;
    try {
      db = await replica.connected();
    } catch (error) {
      // Whatever stops a connection (down, starting, a wrong password or database name) is the replica's.
      return this.fallBack(replica, error, read);
    }
    try {
      return await read(db);
    } catch (error) {
      if (!isReplicaUnavailable(error)) throw error;
      return this.fallBack(replica, error, read);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.close()));
  }

  private fallBack<T>(replica: Replica, error: unknown, read: (db: Db) => Promise<T>): Promise<T> {
    replica.markDown(error);
    replicaReadFallbacks.inc();
    return read(this.primary);
  }

  /** The next usable replica, round robin; undefined when there are none or all are down. */
  private pick(): Replica | undefined {
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length];
      if (replica.usable(now)) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica;
      }
    }
    return undefined;
  }
}

// A write refused by the read-only session (25006) is a bug in the caller, not an outage: it must
// surface, never be retried on the primary.
const READ_ONLY_REFUSAL = '25006';

/** True when a replica failed a read for being away or behind, not for anything the read did: the primary may answer it. */
export function isReplicaUnavailable(error: unknown): boolean {
  const e = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  if (e.code === READ_ONLY_REFUSAL || e.driverError?.code === READ_ONLY_REFUSAL) return false;
  return isDependencyUnavailable(error) || RECOVERY_CONFLICT.test(String(e.message ?? ''));
}

/** host:port of a replica URL, for the logs (never its password). */
function hostOf(url: string): string {
  return new URL(url).host;
}
