import { ConfigError, parseConfig } from '../../../config/config';

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

const SECRET = 'a-secret-that-is-long-enough-0123456789';

describe('parseConfig', () => {
  test('when the environment is empty, then the documented defaults apply', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      env: 'development',
      production: false,
      port: 3000,
      queuePrefix: 'csq',
      logLevel: 'info',
      rateLimits: { loginFailures: 10, keyFailures: 5, statusChecks: 30, registrations: expect.any(Number) },
      jwt: { algorithm: 'HS256', ttlSeconds: 3600 },
    });
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.accessKeyPepper.length).toBeGreaterThanOrEqual(32);
    expect(config.jwt.secret).not.toBe(config.accessKeyPepper);
  });

  test('when values are given, then they are parsed into their types', () => {
    const config = parseConfig({ PORT: '8080', RATE_LIMIT_LOGIN_FAILURES: '3', PUBLIC_URL: 'https://sprawy.example.pl/', JWT_SECRET: SECRET });
    expect(config.port).toBe(8080);
    expect(config.rateLimits.loginFailures).toBe(3);
    expect(config.publicUrl).toBe('https://sprawy.example.pl');
    expect(config.jwt.secret).toBe(SECRET);
  });

  test('when the configuration is parsed, then it is frozen', () => {
    const config = parseConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.jwt)).toBe(true);
  });

  test.each(['abc', '-1', '70000', '80.5'])('when PORT is %p, then a ConfigError line names PORT', (port) => {
    const lines = errorLines({ PORT: port });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^PORT: /);
  });

  test('when JWT_SECRET is shorter than 32 characters, then a ConfigError line names JWT_SECRET', () => {
    const lines = errorLines({ JWT_SECRET: 'too-short' });
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: .*32/)]);
  });

  test('when several variables are bad, then there is one line for each', () => {
    const lines = errorLines({ PORT: 'abc', REDIS_URL: 'not a url', ACCESS_KEY_PEPPER: 'short' });
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['ACCESS_KEY_PEPPER', 'PORT', 'REDIS_URL']);
  });

  test('when NODE_ENV is production without JWT_SECRET, then it fails naming JWT_SECRET', () => {
    const lines = errorLines({ NODE_ENV: 'production', ACCESS_KEY_PEPPER: SECRET });
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: /)]);
  });

  test('when NODE_ENV is production without ACCESS_KEY_PEPPER, then it fails naming ACCESS_KEY_PEPPER', () => {
    const lines = errorLines({ NODE_ENV: 'production', JWT_SECRET: SECRET });
    expect(lines).toEqual([expect.stringMatching(/^ACCESS_KEY_PEPPER: /)]);
  });

  test('when NODE_ENV is production without either secret, then both are named', () => {
    const lines = errorLines({ NODE_ENV: 'production' });
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['ACCESS_KEY_PEPPER', 'JWT_SECRET']);
  });

  test('when NODE_ENV is production with both secrets, then it parses', () => {
    const config = parseConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, ACCESS_KEY_PEPPER: `${SECRET}-pepper` });
    expect(config.production).toBe(true);
  });

  test('when a rate limit is not a positive whole number, then its variable is named', () => {
    expect(errorLines({ RATE_LIMIT_REGISTRATIONS: '0' })).toEqual([expect.stringMatching(/^RATE_LIMIT_REGISTRATIONS: /)]);
    expect(errorLines({ RATE_LIMIT_LOGIN_FAILURES: 'ten' })).toEqual([expect.stringMatching(/^RATE_LIMIT_LOGIN_FAILURES: /)]);
  });

  test('when JWT_TTL_SECONDS is over an hour, then it is refused', () => {
    expect(errorLines({ JWT_TTL_SECONDS: '7200' })).toEqual([expect.stringMatching(/^JWT_TTL_SECONDS: /)]);
  });
});
