import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './ports';
import { waitUntil } from './wait';

const run = promisify(execFile);

/**
 * Redis servers of a test's own (Debian's redis-server, in Sentinel mode too, and redis-cli) on
 * free loopback ports, in a throwaway folder: a Redis Cluster or a Sentinel set for the fault
 * drills. `stop()` kills every process it started and removes the folder.
 */
export class PrivateRedis {
  private readonly processes = new Map<number, ChildProcess>();
  private readonly argsOf = new Map<number, string[]>();
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'case-status-redis-'));

  constructor() {
    // Should the test process end without stop() (a hook that timed out), its servers end with it.
    process.once('exit', () => {
      for (const proc of this.processes.values()) proc.kill('SIGKILL');
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  /** Starts one redis-server on a free port with `args` (config directives) and waits for PING. */
  async server(args: string[] = []): Promise<number> {
    const port = await freePort();
    await this.spawnServer(port, ['--port', String(port), ...args]);
    return port;
  }

  /**
   * A Redis Cluster of `masters` masters, each with one replica, made by `redis-cli --cluster
   * create`; resolves once every node says `cluster_state:ok`. A short node timeout makes a
   * replica take over a killed master within seconds.
   */
  async cluster(masters = 3): Promise<{ nodes: number[] }> {
    const nodes: number[] = [];
    for (let i = 0; i < masters * 2; i++) {
      nodes.push(
        await this.server([
          '--cluster-enabled', 'yes',
          '--cluster-config-file', `nodes-${i}.conf`,
          '--cluster-node-timeout', '1000',
          '--cluster-replica-validity-factor', '0',
        ]),
      );
    }
    await run('redis-cli', ['--cluster', 'create', ...nodes.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'], { timeout: 30_000 });
    await waitUntil(async () => (await Promise.all(nodes.map((p) => this.clusterOk(p)))).every(Boolean), 'the Redis Cluster to be ok', 30_000, 100);
    return { nodes };
  }

  /**
   * A master, its replica and three Sentinels watching it as `name` (quorum 2). The first
   * master refuses writes once its replica has left it (`min-replicas-to-write 1`): at the
   * failover it takes no write that the promoted replica would not have (replication is
   * asynchronous; such writes would be lost, which no client can make up for). The replica has
   * no such setting, so that it takes writes as soon as it is promoted. Resolves once every
   * Sentinel knows the replica and the other Sentinels.
   */
  async sentinelSet(name = 'mymaster'): Promise<{ master: number; replica: number; sentinels: number[] }> {
    const master = await this.server(['--min-replicas-to-write', '1', '--min-replicas-max-lag', '10']);
    const replica = await this.server(['--replicaof', '127.0.0.1', String(master)]);
    // "Good": in sync and acknowledging, so that the master takes writes.
    await waitUntil(async () => (await this.info(master, 'replication')).includes('min_slaves_good_slaves:1'), 'the replica to be in sync with the master', 15_000, 50);
    const sentinels: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = path.join(this.dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${this.dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${master} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      await this.spawnServer(port, [conf, '--sentinel']);
      sentinels.push(port);
    }
    await waitUntil(
      async () => {
        const seen = await Promise.all(
          sentinels.map(async (port) => {
            const state = await this.command(port, ['SENTINEL', 'MASTER', name]);
            const fields = pairs(state);
            return fields['num-slaves'] === '1' && fields['num-other-sentinels'] === '2';
          }),
        );
        return seen.every(Boolean);
      },
      'the Sentinels to know the replica and each other',
      30_000,
      100,
    );
    return { master, replica, sentinels };
  }

  /** Starts a (killed) server again on the same `port`, with `args` or those it had before. */
  async restart(port: number, args?: string[]): Promise<void> {
    await this.kill(port);
    await this.spawnServer(port, args ? ['--port', String(port), ...args] : this.argsOf.get(port)!);
  }

  /** Kills the server on `port` at once (SIGKILL), as a crash would. */
  async kill(port: number): Promise<void> {
    const proc = this.processes.get(port);
    this.processes.delete(port);
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  /** Sends one command to the server on `port` with a connection of its own. */
  async command(port: number, args: Array<string | number>): Promise<unknown> {
    const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await redis.call(String(args[0]), ...args.slice(1).map(String));
    } finally {
      redis.disconnect();
    }
  }

  /** One section of INFO of the server on `port`. */
  async info(port: number, section: string): Promise<string> {
    return String(await this.command(port, ['INFO', section]).catch(() => ''));
  }

  /** Kills every server and removes their folder. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((port) => this.kill(port)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async clusterOk(port: number): Promise<boolean> {
    const info = String(await this.command(port, ['CLUSTER', 'INFO']).catch(() => ''));
    return info.includes('cluster_state:ok');
  }

  private async spawnServer(port: number, args: string[]): Promise<void> {
    const isSentinel = args.includes('--sentinel');
    // A replica's full sync starts at once, not after Redis's default 5 s wait for more replicas.
    const common = isSentinel
      ? []
      : ['--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'no', '--dbfilename', `dump-${port}.rdb`, '--repl-diskless-sync-delay', '0'];
    const proc = spawn('redis-server', [...args, ...common], { stdio: 'ignore' });
    this.processes.set(port, proc);
    this.argsOf.set(port, args);
    await waitUntil(async () => (await this.command(port, ['PING']).catch(() => null)) === 'PONG', `redis-server on port ${port}`, 15_000, 50);
  }
}

/** A Redis reply of alternating names and values as an object. */
function pairs(reply: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(reply)) return out;
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  return out;
}
