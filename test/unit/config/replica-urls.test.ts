import { ConfigError, parseConfig } from '../../../config/config';

const DEV = { NODE_ENV: 'development' };

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

describe('parseConfig: DATABASE_REPLICA_URLS', () => {
  test('when it is left out (or empty), then there are no replicas and every read goes to DATABASE_URL', () => {
    expect(parseConfig(DEV).databaseReplicaUrls).toEqual([]);
    expect(parseConfig({ ...DEV, DATABASE_REPLICA_URLS: '' }).databaseReplicaUrls).toEqual([]);
  });

  test('when it lists two replicas, then both are used, trimmed, in the given order', () => {
    const config = parseConfig({ ...DEV, DATABASE_REPLICA_URLS: ' postgres://app@replica-1:5432/case_status, postgresql://app@replica-2/case_status' });
    expect(config.databaseReplicaUrls).toEqual(['postgres://app@replica-1:5432/case_status', 'postgresql://app@replica-2/case_status']);
  });

  test('when DATABASE_PASSWORD is given apart, then the replicas get it too, whatever its characters', () => {
    const config = parseConfig({ ...DEV, DATABASE_REPLICA_URLS: 'postgres://app@replica-1:5432/case_status', DATABASE_PASSWORD: 'p@ss/word#1?' });
    const url = new URL(config.databaseReplicaUrls[0]);
    expect(decodeURIComponent(url.password)).toBe('p@ss/word#1?');
    expect(url.host).toBe('replica-1:5432');
  });

  test.each([
    ['not a URL', 'replica-1:5432'],
    ['another scheme', 'mysql://app@replica-1/case_status'],
    ['an empty item', 'postgres://app@replica-1/case_status,,postgres://app@replica-2/case_status'],
    ['a trailing comma', 'postgres://app@replica-1/case_status,'],
    ['a replica twice', 'postgres://app@replica-1/case_status,postgres://app@replica-1/case_status'],
  ])('when it holds %s, then the process stops with one line naming the variable', (_what, value) => {
    const lines = errorLines({ ...DEV, DATABASE_REPLICA_URLS: value });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATABASE_REPLICA_URLS: /);
  });

  test('when a bad item carries a password, then the error line does not show it', () => {
    const [line] = errorLines({ ...DEV, DATABASE_REPLICA_URLS: 'postgres://app:tajne@replica-1/x,http//app:tajne@bad' });
    expect(line).toMatch(/^DATABASE_REPLICA_URLS: /);
    expect(line).not.toContain('tajne');
  });
});
