import { Cluster } from 'ioredis';
import { canQuit, closeRedis } from '../../../services/shared/bounded-close';
import { resolvesWithin } from '../../../services/shared/resolves-within';
import type { RedisConnection } from '../../../services/shared/redis';

/** A stand-in for an ioredis connection: its status, and a QUIT that answers as told. */
function connection(status: string, quit: () => Promise<'OK'>) {
  const calls: string[] = [];
  const fake = {
    status,
    quit: () => {
      calls.push('quit');
      return quit();
    },
    disconnect: () => {
      calls.push('disconnect');
    },
  };
  return { redis: fake as unknown as RedisConnection, calls };
}

const never = () => new Promise<'OK'>(() => undefined);

describe('closeRedis', () => {
  test('when one server (or Sentinel) is ready and QUIT is answered, then it quits, then disconnects what QUIT leaves open (the Sentinel watch)', async () => {
    const { redis, calls } = connection('ready', async () => 'OK');
    await closeRedis(redis, 1000);
    expect(calls).toEqual(['quit', 'disconnect']);
  });

  test('when a Cluster is ready and QUIT is answered, then it quits and nothing more', async () => {
    const cluster = new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true });
    const calls: string[] = [];
    Object.defineProperty(cluster, 'status', { value: 'ready' });
    cluster.quit = (async () => (calls.push('quit'), 'OK')) as Cluster['quit'];
    cluster.disconnect = () => void calls.push('disconnect');
    await closeRedis(cluster, 1000);
    expect(calls).toEqual(['quit']);
  });

  test('when QUIT is never answered (a Cluster node that died), then the connection is dropped once the time is up', async () => {
    const { redis, calls } = connection('ready', never);
    const started = Date.now();
    await closeRedis(redis, 50);
    expect(calls).toEqual(['quit', 'disconnect']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('when QUIT fails, then the connection is dropped and closeRedis does not throw', async () => {
    const { redis, calls } = connection('ready', () => Promise.reject(new Error('Connection is closed.')));
    await expect(closeRedis(redis, 1000)).resolves.toBeUndefined();
    expect(calls).toEqual(['quit', 'disconnect']);
  });

  test.each(['reconnecting', 'connecting', 'close', 'end', 'wait', 'disconnecting'])(
    'when the connection is %s, then it is dropped at once without a QUIT that could wait for Redis forever',
    async (status) => {
      const { redis, calls } = connection(status, never);
      await closeRedis(redis, 60_000);
      expect(calls).toEqual(['disconnect']);
    },
  );
});

describe('canQuit', () => {
  test('when connected (ready, or a ready check under way), then QUIT can be answered; otherwise not', () => {
    expect(['ready', 'connect'].map(canQuit)).toEqual([true, true]);
    expect(['wait', 'connecting', 'reconnecting', 'close', 'end', 'disconnecting'].some(canQuit)).toBe(false);
  });
});

describe('resolvesWithin', () => {
  test('when the work resolves in time, then true; when it fails or outlasts the time, then false', async () => {
    expect(await resolvesWithin(Promise.resolve('x'), 100)).toBe(true);
    expect(await resolvesWithin(Promise.reject(new Error('no')), 100)).toBe(false);
    expect(await resolvesWithin(new Promise(() => undefined), 20)).toBe(false);
  });
});
