import { z } from 'zod';

/**
 * The environment, parsed once. Nothing else in the code base reads `process.env`:
 * a bad or missing variable stops the process at start with one line naming it.
 */

const DEV_SECRET = 'development-only-secret-change-me-0123456789';

const secret = (name: string) =>
  z
    .string()
    .min(32, `${name} must be at least 32 characters`)
    .optional();

const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/case_status'),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  SMTP_URL: z.url().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Urząd Miasta <no-reply@urzad.example>'),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  JWT_SECRET: secret('JWT_SECRET'),
  JWT_TTL_SECONDS: positiveInt.max(3600).default(3600),
  ACCESS_KEY_PEPPER: secret('ACCESS_KEY_PEPPER'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/, 'letters, digits, _ : - only').default('csq'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  WORKER_QUEUES: z.string().optional(),
  WORKER_CONCURRENCY: positiveInt.max(1000).default(50),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  RATE_LIMIT_LOGIN_FAILURES: positiveInt.default(10),
  RATE_LIMIT_KEY_FAILURES: positiveInt.default(5),
  RATE_LIMIT_STATUS_CHECKS: positiveInt.default(30),
  RATE_LIMIT_REGISTRATIONS: positiveInt.default(20),
  OUTBOX_RELAY_INTERVAL_MS: positiveInt.default(5000),
});

export type Env = z.infer<typeof envSchema>;

function buildConfig(env: Env) {
  const production = env.NODE_ENV === 'production';
  const missing = (['JWT_SECRET', 'ACCESS_KEY_PEPPER'] as const).filter((name) => production && !env[name]);
  // Every missing secret at once, so that an operator fixes them in one go.
  if (missing.length) throw new ConfigError(missing.map((name) => `${name}: required in production (at least 32 characters)`));
  const required = (name: 'JWT_SECRET' | 'ACCESS_KEY_PEPPER') => env[name] ?? `${DEV_SECRET}-${name}`;
  return {
    env: env.NODE_ENV,
    production,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    jwt: {
      secret: required('JWT_SECRET'),
      algorithm: 'HS256' as const,
      issuer: 'case-status-service',
      audience: 'case-status-api',
      ttlSeconds: env.JWT_TTL_SECONDS,
    },
    accessKeyPepper: required('ACCESS_KEY_PEPPER'),
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
    },
    outboxRelayIntervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
  };
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

/** Parses an environment into the typed, frozen configuration (throws ConfigError). */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  return deepFreeze(buildConfig(result.data));
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
