import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, parseConfig } from '../../../config/config';
import { parseHostPort } from '../../../config/redis-topology';

/** The lines of the ConfigError that parsing `env` throws. */
function errorLines(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).lines;
  }
  throw new Error('parseConfig did not throw');
}

const DEV = { NODE_ENV: 'development' };

/** Everything production needs but Redis. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:pw@db.internal:5432/case_status',
  SMTP_URL: 'smtp://mail.internal:25',
  MAIL_FROM: 'Urząd Miasta <no-reply@urzad.example.pl>',
  PUBLIC_URL: 'https://sprawy.example.pl',
  JWT_SECRET: 'a-secret-that-is-long-enough-0123456789',
  ACCESS_KEY_PEPPER: 'a-pepper-that-is-long-enough-0123456789',
  RECEIPT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

describe('Redis topology from the configuration', () => {
  test('when only REDIS_URL is given, then one server is used, with no password', () => {
    expect(parseConfig({ ...DEV, REDIS_URL: 'redis://cache:6380' }).redis).toEqual({ kind: 'single', url: 'redis://cache:6380', password: undefined });
  });

  test('when nothing is given in development, then the local server is used', () => {
    expect(parseConfig(DEV).redis).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379', password: undefined });
  });

  test('when REDIS_CLUSTER_NODES is given, then a Cluster of those nodes is used, with REDIS_PASSWORD', () => {
    const config = parseConfig({ ...DEV, REDIS_CLUSTER_NODES: 'redis-1:7000, redis-2:7001,[::1]:7002', REDIS_PASSWORD: 'p@ss:/word' });
    expect(config.redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'redis-1', port: 7000 },
        { host: 'redis-2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      password: 'p@ss:/word',
    });
  });

  test('when REDIS_SENTINELS and REDIS_SENTINEL_NAME are given, then Sentinel is used', () => {
    const config = parseConfig({ ...DEV, REDIS_SENTINELS: '10.0.0.1:26379,10.0.0.2:26379', REDIS_SENTINEL_NAME: 'mymaster' });
    expect(config.redis).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
      ],
      name: 'mymaster',
      password: undefined,
    });
  });

  test('when production names a Cluster instead of REDIS_URL, then REDIS_URL is not required', () => {
    expect(parseConfig({ ...PRODUCTION, REDIS_CLUSTER_NODES: 'redis-1:7000' }).redis.kind).toBe('cluster');
    expect(parseConfig({ ...PRODUCTION, REDIS_SENTINELS: 'sentinel-1:26379', REDIS_SENTINEL_NAME: 'mymaster' }).redis.kind).toBe('sentinel');
  });

  test('when production names no Redis at all, then one line asks for REDIS_URL', () => {
    expect(errorLines(PRODUCTION)).toEqual([expect.stringMatching(/^REDIS_URL: required in production/)]);
  });

  test.each(['redis-1', 'redis-1:', ':7000', 'redis-1:70000', 'redis-1:0', 'redis 1:7000', 'redis-1:7000,,redis-2', ' , '])(
    'when REDIS_CLUSTER_NODES is %p, then one line names REDIS_CLUSTER_NODES',
    (nodes) => {
      const lines = errorLines({ ...DEV, REDIS_CLUSTER_NODES: nodes });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^REDIS_CLUSTER_NODES: .*host:port/);
    },
  );

  test('when REDIS_SENTINELS has a bad entry, then its line quotes it', () => {
    expect(errorLines({ ...DEV, REDIS_SENTINELS: 's1:26379,s2', REDIS_SENTINEL_NAME: 'mymaster' })).toEqual([
      'REDIS_SENTINELS: "s2" is not host:port; write a comma list such as redis-1:6379,redis-2:6379',
    ]);
  });

  test('when REDIS_SENTINELS has no REDIS_SENTINEL_NAME, then one line asks for the name', () => {
    expect(errorLines({ ...DEV, REDIS_SENTINELS: 's1:26379' })).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME: required with REDIS_SENTINELS/)]);
  });

  test('when REDIS_SENTINEL_NAME comes without REDIS_SENTINELS, then one line says so', () => {
    expect(errorLines({ ...DEV, REDIS_SENTINEL_NAME: 'mymaster' })).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME: only used with Redis Sentinel/)]);
  });

  test('when REDIS_SENTINEL_NAME has a space, then its line names it', () => {
    expect(errorLines({ ...DEV, REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'my master' })).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME: the master name/)]);
  });

  test('when a Cluster and Sentinels are both given, then one line says to choose', () => {
    expect(errorLines({ ...DEV, REDIS_CLUSTER_NODES: 'r1:7000', REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'mymaster' })).toEqual([
      'REDIS_SENTINELS: set either REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_SENTINELS (Redis Sentinel), not both',
    ]);
  });

  test('when REDIS_URL is given with a Cluster, then one line says to choose', () => {
    expect(errorLines({ ...DEV, REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'r1:7000' })).toEqual([
      'REDIS_URL: set either REDIS_URL (one Redis server) or REDIS_CLUSTER_NODES, not both',
    ]);
  });

  test.each(['http://cache:6379', 'not a url'])('when REDIS_URL is %p, then one line names REDIS_URL', (url) => {
    expect(errorLines({ ...DEV, REDIS_URL: url })).toEqual(['REDIS_URL: a redis:// or rediss:// URL']);
  });

  test('when QUEUE_PREFIX has braces, then its line says the service adds the hash tag itself', () => {
    expect(errorLines({ ...DEV, QUEUE_PREFIX: '{csq}' })).toEqual([expect.stringMatching(/^QUEUE_PREFIX: .*adds the hash tag itself/)]);
  });
});

describe('parseHostPort', () => {
  test.each([
    ['redis-1:6379', { host: 'redis-1', port: 6379 }],
    ['10.1.2.3:1', { host: '10.1.2.3', port: 1 }],
    ['[fe80::1]:65535', { host: 'fe80::1', port: 65535 }],
  ])('when given %p, then it is parsed', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected);
  });

  test.each(['redis-1', 'redis-1:65536', 'redis-1:-1', '-redis:6379', 'fe80::1:6379', 'redis-1:6379x', ''])('when given %p, then it is refused', (text) => {
    expect(parseHostPort(text)).toBeNull();
  });
});
