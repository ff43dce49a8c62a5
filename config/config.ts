import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { cronPatternProblem } from './cron-pattern';
import { namesRedisTopology, redisTopology, redisTopologyProblems, redisVariables } from './redis-topology';

/**
 * The environment, parsed once. Nothing else in the code base reads `process.env`:
 * a bad or missing variable stops the process at start with one line naming it.
 *
 * Secure by default: the development fallbacks below (local servers, fixed secrets) apply only
 * when NODE_ENV is explicitly `development` or `test`. Anything else — `production`, or NODE_ENV
 * unset — requires every one of them to be given.
 *
 * Docker's `_FILE` convention: `<NAME>_FILE=/path` means "the value of NAME is the content of
 * that file, trimmed" (e.g. `JWT_SECRET_FILE=/run/secrets/jwt`); setting both is an error.
 */

const DEV_SECRET = 'development-only-secret-change-me-0123456789';

/** Values published somewhere (this file, earlier Compose files): never a production secret. */
const PUBLIC_SECRETS = [
  'DEMO-ONLY-jwt-secret-NOT-FOR-PRODUCTION-0123456789',
  'DEMO-ONLY-access-key-pepper-NOT-FOR-PRODUCTION-0123456789',
];

/**
 * The development and test receipt signing key (Ed25519). Published here, so a receipt signed
 * with it proves nothing: production refuses it like the other development secrets.
 */
const DEV_RECEIPT_SIGNING_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDppJyzPJNgiSavKSFLeeseumvaPrIPgkA9U5vreZhl+
-----END PRIVATE KEY-----`;

/** Used only with NODE_ENV=development or test; otherwise each must be set. */
const DEVELOPMENT_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/case_status',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  MAIL_FROM: 'Urząd Miasta <no-reply@urzad.example>',
  PUBLIC_URL: 'http://localhost:3000',
  JWT_SECRET: `${DEV_SECRET}-JWT_SECRET`,
  ACCESS_KEY_PEPPER: `${DEV_SECRET}-ACCESS_KEY_PEPPER`,
  RECEIPT_SIGNING_KEY: DEV_RECEIPT_SIGNING_KEY,
} as const;

type Defaulted = keyof typeof DEVELOPMENT_DEFAULTS;
const SECRETS = ['JWT_SECRET', 'ACCESS_KEY_PEPPER'] as const;

const secret = (name: string) =>
  z
    .string()
    .min(32, `${name} must be at least 32 characters`)
    .optional();

const positiveInt = z.coerce.number().int().positive();

/**
 * An Ed25519 private key in PEM (PKCS#8). A one-line value may carry its line breaks as `\n`
 * (as many .env files and secret stores write them).
 */
const ed25519PrivateKey = z
  .string()
  .transform((pem) => pem.replace(/\\n/g, '\n').trim())
  .refine((pem) => {
    try {
      return createPrivateKey(pem).asymmetricKeyType === 'ed25519';
    } catch {
      return false;
    }
  }, 'must be an Ed25519 private key in PEM (generate one: openssl genpkey -algorithm ed25519)')
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().optional(),
  /** The database password, kept out of DATABASE_URL: any characters, no URL encoding (or DATABASE_PASSWORD_FILE). */
  DATABASE_PASSWORD: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  /** false behind a pooler in transaction mode (PgBouncer before 1.21): no named prepared statements. */
  DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false'], { error: 'true or false' }).default('true'),
  /** Read replicas (comma list of postgres:// URLs) for the reads that need not see the caller's own writes. */
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .superRefine((list, ctx) => {
      const problem = list === undefined ? undefined : replicaUrlsProblem(list);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ...redisVariables,
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).optional(),
  PUBLIC_URL: z.url().optional(),
  JWT_SECRET: secret('JWT_SECRET'),
  JWT_TTL_SECONDS: positiveInt.max(3600).default(3600),
  /** A session (a login and its renewals) ends this long after the login, however busy: 12 h by default. */
  SESSION_MAX_SECONDS: positiveInt.min(300).max(7 * 24 * 3600).default(12 * 3600),
  ACCESS_KEY_PEPPER: secret('ACCESS_KEY_PEPPER'),
  /** Signs the receipts of submissions and replies (Ed25519, PEM). */
  RECEIPT_SIGNING_KEY: ed25519PrivateKey,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+$/, 'letters, digits, _ : - only (on a Redis Cluster the service adds the hash tag itself)')
    .default('csq'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  WORKER_QUEUES: z.string().optional(),
  WORKER_CONCURRENCY: positiveInt.max(1000).default(50),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** The gateway's operations port for /metrics (and /healthz, /readyz); 0 = /metrics on the public port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  RATE_LIMIT_LOGIN_FAILURES: positiveInt.default(10),
  RATE_LIMIT_KEY_FAILURES: positiveInt.default(5),
  RATE_LIMIT_STATUS_CHECKS: positiveInt.default(30),
  RATE_LIMIT_REGISTRATIONS: positiveInt.default(20),
  /** Receipt checks (POST /receipts/verify, /sprawdz-potwierdzenie) per client address per minute. */
  RATE_LIMIT_RECEIPT_CHECKS: positiveInt.default(30),
  /** Submissions and replies per account per hour. */
  RATE_LIMIT_SUBMISSIONS: positiveInt.default(20),
  /** Password-reset codes asked for one login per hour. */
  RATE_LIMIT_PASSWORD_RESETS: positiveInt.default(5),
  /** Failed logins per client address per 15 minutes, whatever the logins (password spraying). */
  RATE_LIMIT_LOGIN_ADDRESS: positiveInt.default(20),
  /** true: a staff account without two-step login can only set it up. */
  STAFF_MFA_REQUIRED: z.enum(['true', 'false'], { error: 'true or false' }).default('false'),
  OUTBOX_RELAY_INTERVAL_MS: positiveInt.default(5000),
  DEADLINE_SCAN_CRON: z
    .string()
    .trim()
    .default('0 7 * * *')
    .superRefine((pattern, ctx) => {
      const problem = cronPatternProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  DEADLINE_REMINDER_DAYS: positiveInt.default(3),
  /** How often the live event streams send a keep-alive comment (the contract says at least every 25 s). */
  LIVE_HEARTBEAT_MS: positiveInt.max(25_000).default(20_000),
});

export type Env = z.infer<typeof envSchema>;
type Name = keyof Env;
const NAMES = Object.keys(envSchema.shape) as Name[];

function buildConfig(env: Env) {
  const nodeEnv = env.NODE_ENV ?? 'production';
  // Only reached when the checks in parseConfig passed: outside development and test every
  // defaulted variable is set, so the fallback below is never used there.
  const value = (name: Defaulted): string => env[name] ?? DEVELOPMENT_DEFAULTS[name];
  return {
    env: nodeEnv,
    production: nodeEnv === 'production',
    port: env.PORT,
    /** Where the gateway serves /metrics apart from the public port; 0 = on the public port. */
    metricsPort: env.METRICS_PORT,
    databaseUrl: withPassword(value('DATABASE_URL'), env.DATABASE_PASSWORD),
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databasePreparedStatements: env.DATABASE_PREPARED_STATEMENTS === 'true',
    /** Streaming replicas for read-heavy lists; empty = every read on DATABASE_URL. */
    databaseReplicaUrls: splitList(env.DATABASE_REPLICA_URLS).map((url) => withPassword(url, env.DATABASE_PASSWORD)),
    /** The single server's URL (REDIS_URL or its development default); connections follow `redis`. */
    redisUrl: value('REDIS_URL'),
    /** Which Redis: one server, a Cluster or Sentinel (services/shared/redis.ts connects to it). */
    redis: redisTopology(env, value('REDIS_URL')),
    smtpUrl: value('SMTP_URL'),
    mailFrom: value('MAIL_FROM'),
    publicUrl: value('PUBLIC_URL').replace(/\/+$/, ''),
    jwt: {
      secret: value('JWT_SECRET'),
      algorithm: 'HS256' as const,
      issuer: 'case-status-service',
      audience: 'case-status-api',
      ttlSeconds: env.JWT_TTL_SECONDS,
      sessionMaxSeconds: env.SESSION_MAX_SECONDS,
    },
    accessKeyPepper: value('ACCESS_KEY_PEPPER'),
    /** The Ed25519 private key (PEM) receipts are signed with. */
    receiptSigningKey: env.RECEIPT_SIGNING_KEY ?? DEVELOPMENT_DEFAULTS.RECEIPT_SIGNING_KEY,
    queuePrefix: env.QUEUE_PREFIX,
    logLevel: env.LOG_LEVEL,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    worker: {
      queues: env.WORKER_QUEUES?.split(',').map((q) => q.trim()).filter(Boolean),
      concurrency: env.WORKER_CONCURRENCY,
      /** Where a worker process serves /metrics, /healthz and /readyz; 0 = it serves nothing. */
      metricsPort: env.WORKER_METRICS_PORT,
    },
    rateLimits: {
      loginFailures: env.RATE_LIMIT_LOGIN_FAILURES,
      keyFailures: env.RATE_LIMIT_KEY_FAILURES,
      statusChecks: env.RATE_LIMIT_STATUS_CHECKS,
      registrations: env.RATE_LIMIT_REGISTRATIONS,
      receiptChecks: env.RATE_LIMIT_RECEIPT_CHECKS,
      submissions: env.RATE_LIMIT_SUBMISSIONS,
      passwordResets: env.RATE_LIMIT_PASSWORD_RESETS,
      loginAddress: env.RATE_LIMIT_LOGIN_ADDRESS,
    },
    /** Staff must set up two-step login before anything else. */
    staffMfaRequired: env.STAFF_MFA_REQUIRED === 'true',
    outboxRelayIntervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
    /** The keep-alive comment interval of GET /api/v1/events. */
    liveHeartbeatMs: env.LIVE_HEARTBEAT_MS,
    deadlines: {
      /** When the deadline scan runs (cron, in the office's time zone). */
      scanCron: env.DEADLINE_SCAN_CRON,
      /** Officials hear of cases due within this many working days. */
      reminderDays: env.DEADLINE_REMINDER_DAYS,
    },
  };
}

/** The URL with `password` set, percent-encoded (the driver decodes it), when one is given apart. */
function withPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function splitList(list: string | undefined): string[] {
  return list === undefined ? [] : list.split(',').map((item) => item.trim());
}

/** What is wrong with a DATABASE_REPLICA_URLS value, if anything: every item a postgres URL, none twice. */
function replicaUrlsProblem(list: string): string | undefined {
  const urls = splitList(list);
  if (urls.some((url) => url === '')) return 'a comma list of postgres:// URLs without empty items';
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `not a URL: ${url.replace(/\/\/[^@/]*@/, '//…@')}`;
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return `each replica is a postgres:// URL, not ${parsed.protocol}`;
    if (!parsed.hostname) return 'each replica URL names its host';
  }
  if (new Set(urls).size !== urls.length) return 'a replica is listed twice';
  return undefined;
}

function parseTrustProxy(value: string): boolean | string | number {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export type Config = ReturnType<typeof buildConfig>;

/** A configuration problem: one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/**
 * Applies the `_FILE` convention: for each known NAME with `NAME_FILE` set, the trimmed content
 * of that file becomes NAME's value. Returns the values, the problems, and which came from files.
 */
function readFileValues(source: Record<string, string>) {
  const values: Record<string, string> = { ...source };
  const lines: string[] = [];
  const fromFile = new Set<string>();
  for (const name of NAMES) {
    const file = source[`${name}_FILE`];
    if (file === undefined) continue;
    delete values[`${name}_FILE`];
    if (source[name] !== undefined) {
      lines.push(`${name}: both ${name} and ${name}_FILE are set; set only one of them`);
      continue;
    }
    let content: string;
    try {
      content = readFileSync(file, 'utf8').trim();
    } catch (error) {
      lines.push(`${name}: cannot read ${name}_FILE ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    if (!content) {
      lines.push(`${name}: ${name}_FILE ${file} is empty`);
      continue;
    }
    values[name] = content;
    fromFile.add(name);
  }
  return { values, lines, fromFile };
}

/** Parses an environment into the typed, frozen configuration (throws ConfigError). */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  const { values, lines, fromFile } = readFileValues(cleaned);
  const result = envSchema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      const origin = fromFile.has(name) ? ` (read from ${name}_FILE)` : '';
      lines.push(`${issue.path.join('.') || 'environment'}: ${issue.message}${origin}`);
    }
  }
  // Every problem at once, so that an operator fixes them in one go.
  lines.push(...weakSecretProblems(values, lines));
  lines.push(...redisTopologyProblems(values));
  lines.push(...productionProblems(values, lines));
  if (lines.length || !result.success) throw new ConfigError(lines);
  return deepFreeze(buildConfig(result.data));
}

/**
 * Outside development and test (production, or NODE_ENV unset): a line for each variable that has
 * no value, and for a secret whose value is public. Variables already reported are skipped.
 */
function productionProblems(values: Record<string, string>, reported: string[]): string[] {
  const nodeEnv = values.NODE_ENV;
  if (nodeEnv === 'development' || nodeEnv === 'test') return [];
  const named = new Set(reported.map((line) => line.split(':')[0]));
  if (named.has('NODE_ENV')) return []; // malformed: which rules apply is unknown
  const why = nodeEnv === undefined ? 'required: NODE_ENV is unset, which counts as production' : 'required in production';
  const problems: string[] = [];
  for (const name of Object.keys(DEVELOPMENT_DEFAULTS) as Defaulted[]) {
    if (named.has(name)) continue;
    if (name === 'REDIS_URL' && namesRedisTopology(values)) continue; // a Cluster or Sentinels instead
    const value = values[name];
    const isSecret = (SECRETS as readonly string[]).includes(name);
    if (name === 'RECEIPT_SIGNING_KEY') {
      if (value === undefined) problems.push(`${name}: ${why} (an Ed25519 private key in PEM, or a file named by ${name}_FILE; openssl genpkey -algorithm ed25519)`);
      else if (samePem(value, DEV_RECEIPT_SIGNING_KEY)) problems.push(`${name}: the public development key is not allowed in production; generate one (openssl genpkey -algorithm ed25519)`);
    } else if (value === undefined) {
      problems.push(`${name}: ${why}${isSecret ? ` (at least 32 characters, or a file named by ${name}_FILE)` : ''}`);
    } else if (isSecret && (value.startsWith(DEV_SECRET) || PUBLIC_SECRETS.includes(value))) {
      problems.push(`${name}: the public development value is not allowed in production; generate one (openssl rand -base64 48)`);
    }
  }
  return problems;
}

/** Two PEM texts of the same key, whatever their line breaks and surrounding space. */
function samePem(a: string, b: string): boolean {
  const bare = (pem: string) => pem.replace(/\\n/g, '\n').replace(/\s+/g, '');
  return bare(a) === bare(b);
}

/** Fewer different characters than this is no secret, however long (32 × "a"). */
const MIN_DISTINCT_SECRET_CHARACTERS = 10;

/**
 * In every environment: a secret of too little variety, and `JWT_SECRET` equal to
 * `ACCESS_KEY_PEPPER` (one leak would then give away both tokens and access-key hashes).
 */
function weakSecretProblems(values: Record<string, string>, reported: string[]): string[] {
  const named = new Set(reported.map((line) => line.split(':')[0]));
  const problems: string[] = [];
  for (const name of SECRETS) {
    const value = values[name];
    if (value === undefined || named.has(name)) continue;
    if (new Set(value).size < MIN_DISTINCT_SECRET_CHARACTERS) {
      problems.push(`${name}: too little variety (fewer than ${MIN_DISTINCT_SECRET_CHARACTERS} different characters); generate one (openssl rand -base64 48)`);
    }
  }
  if (values.JWT_SECRET !== undefined && values.JWT_SECRET === values.ACCESS_KEY_PEPPER) {
    problems.push('ACCESS_KEY_PEPPER: must differ from JWT_SECRET; generate one of its own (openssl rand -base64 48)');
  }
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

let loaded: Config | undefined;

/** The process configuration; on a bad environment prints one line per variable and exits 1. */
export function config(): Config {
  if (loaded) return loaded;
  try {
    loaded = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines) process.stderr.write(`Configuration error: ${line}\n`);
    process.exit(1);
  }
  return loaded;
}
