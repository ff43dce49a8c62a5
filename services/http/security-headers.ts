import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The security headers of every answer. The pages use no inline script or style and nothing
 * from other sites, so the policy allows this site only, and no framing at all (clickjacking).
 * HSTS and `upgrade-insecure-requests` are sent only when the service is served over https
 * (`PUBLIC_URL`): on a plain-http address (a demo box, `docker compose up` on a VM) they would
 * make the browser rewrite the forms' posts to https and break every form.
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  const https = publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/**
 * The queue dashboard's looser policy: its bundled UI sets inline styles (and asks for a web
 * font from another site, which stays blocked: it falls back to the system font).
 */
export const dashboardStylePolicy: RequestHandler = (_req, res, next) => {
  const policy = res.getHeader('content-security-policy');
  if (typeof policy === 'string') res.setHeader('content-security-policy', policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
  next();
};
