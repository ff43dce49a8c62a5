import pino from 'pino';
import { config } from '../../config/config';

/**
 * The process logger (JSON lines). Secrets are redacted by path as a second line of defence:
 * the first is never to log them at all.
 */
export const logger = pino({
  level: config().logLevel,
  base: { service: 'case-status' },
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      '*.password',
      '*.code',
      '*.key',
      '*.accessKey',
      '*.token',
      '*.accessToken',
    ],
    censor: '[redacted]',
  },
});
