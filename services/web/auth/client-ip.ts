import type { Request } from 'express';

/** The caller's address for rate limits and the audit log ('unknown' when Express has none). */
export function clientIp(req: Request): string {
  return req.ip ?? 'unknown';
}
