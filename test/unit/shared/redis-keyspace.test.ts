import { redisKeyspace } from '../../../services/shared/redis';

describe('redisKeyspace', () => {
  test('when Redis is a Cluster, then BullMQ gets a hash tag and the other keys keep QUEUE_PREFIX as given', () => {
    expect(redisKeyspace({ kind: 'cluster', nodes: [{ host: 'r1', port: 7000 }], password: undefined }, 'csq')).toEqual({
      keys: 'csq',
      queues: '{csq}',
    });
  });

  test.each([
    { kind: 'single' as const, url: 'redis://r:6379', password: undefined },
    { kind: 'sentinel' as const, sentinels: [{ host: 's1', port: 26379 }], name: 'mymaster', password: 'x' },
  ])('when Redis is $kind, then every prefix is QUEUE_PREFIX as given (queued jobs of an existing installation stay found)', (topology) => {
    expect(redisKeyspace(topology, 'urzad:csq')).toEqual({ keys: 'urzad:csq', queues: 'urzad:csq' });
  });
});
