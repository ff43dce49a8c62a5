import pino from 'pino';

/** Error fields that carry the values of a failed statement (personal data, keys, hashes). */
const STATEMENT_VALUES = ['parameters', 'driverError', 'detail'] as const;

/**
 * Serialises an error for the log without the values of a failed SQL statement: TypeORM's
 * QueryFailedError holds its parameters (a rendered message with an access key, a password
 * hash) and the driver's error, whose `detail` repeats the conflicting values.
 */
export function errorSerializer(error: Error): Record<string, unknown> {
  const serialized: Record<string, unknown> = { ...pino.stdSerializers.err(error) };
  for (const field of STATEMENT_VALUES) delete serialized[field];
  return serialized;
}

/**
 * The process logger (JSON lines). Secrets are redacted by path as a second line of defence:
 * the first is never to log them at all. Its level is `LOG_LEVEL`, set by the composition root
 * (`createContext`) once the configuration is parsed.
 */
export const LOG_OPTIONS: pino.LoggerOptions = {
  level: 'info',
  base: { service: 'case-status' },
  serializers: { err: errorSerializer },
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      '*.password',
      // Not `*.code`: that would hide every error's code (ECONNREFUSED, SQLSTATEs) from operators.
      '*.activationCode',
      '*.resetCode',
      '*.key',
      '*.accessKey',
      '*.token',
      '*.accessToken',
    ],
    censor: '[redacted]',
  },
};

export const logger = pino(LOG_OPTIONS);
