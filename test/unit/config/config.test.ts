import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

const names = (lines: string[]) => lines.map((l) => l.split(':')[0]).sort();

const SECRET = 'a-secret-that-is-long-enough-0123456789';
const PEPPER = 'a-pepper-that-is-long-enough-0123456789';
const DEV = { NODE_ENV: 'development' };
/** A production receipt key, as `openssl genpkey -algorithm ed25519` writes one. */
const RECEIPT_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Everything production needs. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:pw@db.internal:5432/case_status',
  REDIS_URL: 'redis://redis.internal:6379',
  SMTP_URL: 'smtp://mail.internal:25',
  MAIL_FROM: 'Urząd Miasta <no-reply@urzad.example.pl>',
  PUBLIC_URL: 'https://sprawy.example.pl',
  JWT_SECRET: SECRET,
  ACCESS_KEY_PEPPER: PEPPER,
  RECEIPT_SIGNING_KEY: RECEIPT_KEY,
};
const REQUIRED = ['ACCESS_KEY_PEPPER', 'DATABASE_URL', 'JWT_SECRET', 'MAIL_FROM', 'PUBLIC_URL', 'RECEIPT_SIGNING_KEY', 'REDIS_URL', 'SMTP_URL'];

describe('parseConfig', () => {
  test.each(['development', 'test'])('when NODE_ENV is %p and nothing else is set, then the development defaults apply', (nodeEnv) => {
    const config = parseConfig({ NODE_ENV: nodeEnv });
    expect(config).toMatchObject({
      env: nodeEnv,
      production: false,
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/case_status',
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: 'smtp://127.0.0.1:1025',
      mailFrom: 'Urząd Miasta <no-reply@urzad.example>',
      publicUrl: 'http://localhost:3000',
      queuePrefix: 'csq',
      logLevel: 'info',
      rateLimits: { loginFailures: 10, keyFailures: 5, statusChecks: 30, registrations: 20 },
      jwt: { algorithm: 'HS256', ttlSeconds: 3600 },
    });
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.accessKeyPepper.length).toBeGreaterThanOrEqual(32);
    expect(config.jwt.secret).not.toBe(config.accessKeyPepper);
  });

  test('when the environment is empty, then it counts as production and each required variable has its own line', () => {
    const lines = errorLines({});
    expect(names(lines)).toEqual(REQUIRED);
    for (const line of lines) expect(line).toMatch(/^[A-Z_]+: required: NODE_ENV is unset, which counts as production/);
  });

  test('when NODE_ENV is production and nothing else is set, then each required variable has its own line', () => {
    const lines = errorLines({ NODE_ENV: 'production' });
    expect(names(lines)).toEqual(REQUIRED);
    for (const line of lines) expect(line).toMatch(/^[A-Z_]+: required in production/);
  });

  test.each(REQUIRED)('when NODE_ENV is production without %s, then one line names it', (name) => {
    const lines = errorLines({ ...PRODUCTION, [name]: undefined });
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${name}: required in production`))]);
  });

  test('when NODE_ENV is production with everything set, then it parses, and the other variables keep their defaults', () => {
    const config = parseConfig(PRODUCTION);
    expect(config).toMatchObject({
      env: 'production',
      production: true,
      databaseUrl: PRODUCTION.DATABASE_URL,
      redisUrl: PRODUCTION.REDIS_URL,
      smtpUrl: PRODUCTION.SMTP_URL,
      mailFrom: PRODUCTION.MAIL_FROM,
      publicUrl: PRODUCTION.PUBLIC_URL,
      jwt: { secret: SECRET, ttlSeconds: 3600 },
      accessKeyPepper: PEPPER,
      port: 3000,
      queuePrefix: 'csq',
      logLevel: 'info',
      rateLimits: { loginFailures: 10, keyFailures: 5, statusChecks: 30, registrations: 20 },
    });
  });

  test('when NODE_ENV is unset but everything is set, then it runs as production', () => {
    const config = parseConfig({ ...PRODUCTION, NODE_ENV: undefined });
    expect(config).toMatchObject({ env: 'production', production: true });
  });

  test('when production is given the development secret, then one line refuses each', () => {
    const dev = parseConfig(DEV);
    const lines = errorLines({ ...PRODUCTION, JWT_SECRET: dev.jwt.secret, ACCESS_KEY_PEPPER: dev.accessKeyPepper });
    expect(names(lines)).toEqual(['ACCESS_KEY_PEPPER', 'JWT_SECRET']);
    for (const line of lines) expect(line).toMatch(/development value is not allowed in production/);
  });

  test('when production is given the demo secrets an earlier Compose file published, then they are refused', () => {
    const lines = errorLines({
      ...PRODUCTION,
      JWT_SECRET: 'DEMO-ONLY-jwt-secret-NOT-FOR-PRODUCTION-0123456789',
      ACCESS_KEY_PEPPER: 'DEMO-ONLY-access-key-pepper-NOT-FOR-PRODUCTION-0123456789',
    });
    expect(names(lines)).toEqual(['ACCESS_KEY_PEPPER', 'JWT_SECRET']);
  });

  test('when values are given, then they are parsed into their types', () => {
    const config = parseConfig({ ...DEV, PORT: '8080', RATE_LIMIT_LOGIN_FAILURES: '3', PUBLIC_URL: 'https://sprawy.example.pl/', JWT_SECRET: SECRET });
    expect(config.port).toBe(8080);
    expect(config.rateLimits.loginFailures).toBe(3);
    expect(config.publicUrl).toBe('https://sprawy.example.pl');
    expect(config.jwt.secret).toBe(SECRET);
  });

  test('when the configuration is parsed, then it is frozen', () => {
    const config = parseConfig(DEV);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.jwt)).toBe(true);
  });

  test.each(['abc', '-1', '70000', '80.5'])('when PORT is %p, then a ConfigError line names PORT', (port) => {
    const lines = errorLines({ ...DEV, PORT: port });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^PORT: /);
  });

  test('when JWT_SECRET is shorter than 32 characters, then a ConfigError line names JWT_SECRET', () => {
    const lines = errorLines({ ...DEV, JWT_SECRET: 'too-short' });
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: .*32/)]);
  });

  test('when several variables are bad, then there is one line for each', () => {
    const lines = errorLines({ ...DEV, PORT: 'abc', REDIS_URL: 'not a url', ACCESS_KEY_PEPPER: 'short' });
    expect(names(lines)).toEqual(['ACCESS_KEY_PEPPER', 'PORT', 'REDIS_URL']);
  });

  test('when production has a malformed variable and lacks others, then each has one line', () => {
    const lines = errorLines({ NODE_ENV: 'production', PORT: 'eighty', DATABASE_URL: 'not a url', JWT_SECRET: 'short' });
    expect(names(lines)).toEqual(['ACCESS_KEY_PEPPER', 'DATABASE_URL', 'JWT_SECRET', 'MAIL_FROM', 'PORT', 'PUBLIC_URL', 'RECEIPT_SIGNING_KEY', 'REDIS_URL', 'SMTP_URL']);
    expect(lines).toContainEqual(expect.stringMatching(/^JWT_SECRET: .*32/));
  });

  test('when NODE_ENV is malformed, then only NODE_ENV is named', () => {
    expect(errorLines({ NODE_ENV: 'prod' })).toEqual([expect.stringMatching(/^NODE_ENV: /)]);
  });

  test('when a rate limit is not a positive whole number, then its variable is named', () => {
    expect(errorLines({ ...DEV, RATE_LIMIT_REGISTRATIONS: '0' })).toEqual([expect.stringMatching(/^RATE_LIMIT_REGISTRATIONS: /)]);
    expect(errorLines({ ...DEV, RATE_LIMIT_LOGIN_FAILURES: 'ten' })).toEqual([expect.stringMatching(/^RATE_LIMIT_LOGIN_FAILURES: /)]);
  });

  test('when JWT_TTL_SECONDS is over an hour, then it is refused', () => {
    expect(errorLines({ ...DEV, JWT_TTL_SECONDS: '7200' })).toEqual([expect.stringMatching(/^JWT_TTL_SECONDS: /)]);
  });
});

describe('parseConfig: the _FILE convention', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'config-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, content: string): string {
    const at = path.join(dir, name);
    writeFileSync(at, content);
    return at;
  }

  test('when NAME_FILE names a file, then its trimmed content is the value', () => {
    const config = parseConfig({
      ...PRODUCTION,
      JWT_SECRET: undefined,
      ACCESS_KEY_PEPPER: undefined,
      DATABASE_URL: undefined,
      JWT_SECRET_FILE: file('jwt', `  ${SECRET}\n`),
      ACCESS_KEY_PEPPER_FILE: file('pepper', `${PEPPER}\r\n`),
      DATABASE_URL_FILE: file('db', `${PRODUCTION.DATABASE_URL}\n`),
    });
    expect(config.jwt.secret).toBe(SECRET);
    expect(config.accessKeyPepper).toBe(PEPPER);
    expect(config.databaseUrl).toBe(PRODUCTION.DATABASE_URL);
  });

  test('when both NAME and NAME_FILE are set, then one line names them both', () => {
    const lines = errorLines({ ...PRODUCTION, JWT_SECRET_FILE: file('jwt-both', SECRET) });
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: .*JWT_SECRET and JWT_SECRET_FILE/)]);
  });

  test('when NAME_FILE names a missing file, then one line names the variable and the path', () => {
    const missing = path.join(dir, 'no-such-file');
    const lines = errorLines({ ...PRODUCTION, ACCESS_KEY_PEPPER: undefined, ACCESS_KEY_PEPPER_FILE: missing });
    expect(lines).toEqual([expect.stringMatching(/^ACCESS_KEY_PEPPER: cannot read ACCESS_KEY_PEPPER_FILE .*no-such-file/)]);
  });

  test('when NAME_FILE names an empty file, then one line says so', () => {
    const lines = errorLines({ ...PRODUCTION, JWT_SECRET: undefined, JWT_SECRET_FILE: file('empty', ' \n') });
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: JWT_SECRET_FILE .* is empty/)]);
  });

  test('when the file holds a malformed value, then the line names the variable and the file variable', () => {
    const lines = errorLines({ ...PRODUCTION, JWT_SECRET: undefined, JWT_SECRET_FILE: file('short', 'short\n') });
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: .*32.*read from JWT_SECRET_FILE/)]);
  });

  test('when the file holds the development secret in production, then it is refused', () => {
    const devSecret = parseConfig(DEV).jwt.secret;
    const lines = errorLines({ ...PRODUCTION, JWT_SECRET: undefined, JWT_SECRET_FILE: file('dev', devSecret) });
    expect(lines).toEqual([expect.stringMatching(/^JWT_SECRET: .*development value is not allowed in production/)]);
  });
});

describe('parseConfig: the receipt signing key', () => {
  test('when nothing is set in development, then a fixed Ed25519 development key signs, and the limits have their defaults', () => {
    const config = parseConfig(DEV);
    expect(config.receiptSigningKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(config.rateLimits).toMatchObject({ receiptChecks: 30, submissions: 20 });
  });

  test('when production is given its own key, then that key is used, also with its line breaks written as \\n', () => {
    expect(parseConfig(PRODUCTION).receiptSigningKey).toBe(RECEIPT_KEY.trim());
    expect(parseConfig({ ...PRODUCTION, RECEIPT_SIGNING_KEY: RECEIPT_KEY.trim().replace(/\n/g, '\\n') }).receiptSigningKey).toBe(RECEIPT_KEY.trim());
  });

  test('when production is given the development key, then one line refuses it', () => {
    const lines = errorLines({ ...PRODUCTION, RECEIPT_SIGNING_KEY: parseConfig(DEV).receiptSigningKey });
    expect(lines).toEqual([expect.stringMatching(/^RECEIPT_SIGNING_KEY: the public development key is not allowed in production/)]);
  });

  test.each([
    ['not a key', 'not a key'],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['an Ed25519 public key', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()],
  ])('when RECEIPT_SIGNING_KEY is %s, then one line names it', (_what, value) => {
    const lines = errorLines({ ...DEV, RECEIPT_SIGNING_KEY: value });
    expect(lines).toEqual([expect.stringMatching(/^RECEIPT_SIGNING_KEY: must be an Ed25519 private key in PEM/)]);
  });

  test('when the key comes from RECEIPT_SIGNING_KEY_FILE, then the file is read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'config-key-'));
    try {
      writeFileSync(path.join(dir, 'key.pem'), RECEIPT_KEY);
      const config = parseConfig({ ...PRODUCTION, RECEIPT_SIGNING_KEY: undefined, RECEIPT_SIGNING_KEY_FILE: path.join(dir, 'key.pem') });
      expect(config.receiptSigningKey).toBe(RECEIPT_KEY.trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each(['0', '-3', 'many'])('when RATE_LIMIT_SUBMISSIONS or RATE_LIMIT_RECEIPT_CHECKS is %p, then a line names it', (value) => {
    expect(names(errorLines({ ...DEV, RATE_LIMIT_SUBMISSIONS: value, RATE_LIMIT_RECEIPT_CHECKS: value }))).toEqual(['RATE_LIMIT_RECEIPT_CHECKS', 'RATE_LIMIT_SUBMISSIONS']);
  });
});

describe('parseConfig: the database password apart from the URL', () => {
  test.each(['p@ss/word#1?', 'zażółć gęślą', 'a:b%20c'])('when DATABASE_PASSWORD is %p, then it reaches the database URL intact, whatever its characters', (password) => {
    const config = parseConfig({ ...PRODUCTION, DATABASE_URL: 'postgres://app@db.internal:5432/case_status', DATABASE_PASSWORD: password });
    const url = new URL(config.databaseUrl);
    expect(decodeURIComponent(url.password)).toBe(password);
    expect(url.username).toBe('app');
    expect(url.host).toBe('db.internal:5432');
    expect(url.pathname).toBe('/case_status');
  });
});

describe('the deadline scan configuration', () => {
  test('when nothing is set, then the scan runs at 07:00 and reminds of cases due within 3 working days', () => {
    expect(parseConfig(DEV).deadlines).toEqual({ scanCron: '0 7 * * *', reminderDays: 3 });
  });

  test.each(['*/15 6-18 * * 1-5', '0 0 7 * * *', '@daily', ' 30 6 * * * '])('when DEADLINE_SCAN_CRON is %p, then it is accepted (trimmed)', (pattern) => {
    expect(parseConfig({ ...DEV, DEADLINE_SCAN_CRON: pattern }).deadlines.scanCron).toBe(pattern.trim());
  });

  test.each(['every morning', '0 25 * * *', '61 * * * *', '0 7 * *', '0 7 31 2 *', '0 0 7 * * * 2026'])(
    'when DEADLINE_SCAN_CRON is %p, then the process stops with one line naming it',
    (pattern) => {
      const lines = errorLines({ ...DEV, DEADLINE_SCAN_CRON: pattern });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^DEADLINE_SCAN_CRON: /);
    },
  );

  test('when DEADLINE_REMINDER_DAYS is 10, then officials hear of cases due within 10 working days', () => {
    expect(parseConfig({ ...DEV, DEADLINE_REMINDER_DAYS: '10' }).deadlines.reminderDays).toBe(10);
  });

  test.each(['0', '-1', '2.5', 'three'])('when DEADLINE_REMINDER_DAYS is %p, then the process stops with one line naming it', (days) => {
    const lines = errorLines({ ...DEV, DEADLINE_REMINDER_DAYS: days });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DEADLINE_REMINDER_DAYS: /);
  });
});

describe('parseConfig: prepared statements behind a pooler', () => {
  test('when DATABASE_PREPARED_STATEMENTS is left out, then named statements are used; false turns them off; anything else stops the process', () => {
    expect(parseConfig(DEV).databasePreparedStatements).toBe(true);
    expect(parseConfig({ ...DEV, DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(errorLines({ ...DEV, DATABASE_PREPARED_STATEMENTS: 'nie' })).toEqual([expect.stringMatching(/^DATABASE_PREPARED_STATEMENTS: /)]);
  });
});

describe('parseConfig: weak secrets', () => {
  test.each(['JWT_SECRET', 'ACCESS_KEY_PEPPER'])('when %s is 32 × "a" or has too little variety, then the process stops with one line naming it, in any environment', (name) => {
    for (const env of [DEV, PRODUCTION]) {
      for (const weak of ['a'.repeat(32), 'abababababababababababababababab', 'abcdabcdabcdabcdabcdabcdabcdabcd12']) {
        const lines = errorLines({ ...env, [name]: weak });
        expect(lines).toEqual([expect.stringMatching(new RegExp(`^${name}: too little variety`))]);
      }
    }
  });

  test('when JWT_SECRET equals ACCESS_KEY_PEPPER, then one line says they must differ', () => {
    expect(errorLines({ ...PRODUCTION, ACCESS_KEY_PEPPER: SECRET })).toEqual([expect.stringMatching(/^ACCESS_KEY_PEPPER: must differ from JWT_SECRET/)]);
    expect(errorLines({ ...DEV, JWT_SECRET: SECRET, ACCESS_KEY_PEPPER: SECRET })).toHaveLength(1);
  });

  test('when the secrets are random (openssl rand -base64 48 or -hex 32), then they pass', () => {
    expect(parseConfig({ ...PRODUCTION, JWT_SECRET: 'q9V2k8sZ1mXb7RtY4uLw0eHc3jNf6aPd5gKz+/oBiQhUlTnMvEyW', ACCESS_KEY_PEPPER: '3f9a1c7e5b2d8046e1f3a9c7b5d20486f1e3a9c7b5d2e0f4a6c8b1d3e5f7a9c0' }).production).toBe(true);
  });
});

describe('parseConfig: staff login security', () => {
  test('when STAFF_MFA_REQUIRED and RATE_LIMIT_LOGIN_ADDRESS are left out, then two-step login is optional and 20 failed logins per address are allowed', () => {
    const config = parseConfig(DEV);
    expect(config.staffMfaRequired).toBe(false);
    expect(config.rateLimits.loginAddress).toBe(20);
  });

  test('when they are set, then they apply; a malformed value stops the process with one line naming it', () => {
    const config = parseConfig({ ...DEV, STAFF_MFA_REQUIRED: 'true', RATE_LIMIT_LOGIN_ADDRESS: '7' });
    expect(config.staffMfaRequired).toBe(true);
    expect(config.rateLimits.loginAddress).toBe(7);
    expect(errorLines({ ...DEV, STAFF_MFA_REQUIRED: 'tak' })).toEqual([expect.stringMatching(/^STAFF_MFA_REQUIRED: /)]);
    expect(errorLines({ ...DEV, RATE_LIMIT_LOGIN_ADDRESS: '0' })).toEqual([expect.stringMatching(/^RATE_LIMIT_LOGIN_ADDRESS: /)]);
  });
});
