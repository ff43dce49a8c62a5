import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * A request's address for the log with the values of its query string left out: queries carry
 * logins, search terms and return paths (`?login=…`, `?szukaj=…`), which a log must not keep.
 */
export function loggedUrl(url: string | undefined): string {
  if (!url) return '';
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const names = url
    .slice(mark + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=…`);
  return `${url.slice(0, mark)}?${names.join('&')}`;
}

/** The level an answered request is logged at: failures for the operator, refusals as info, the rest debug. */
export function accessLogLevel(statusCode: number, aborted: boolean): 'error' | 'info' | 'debug' {
  if (statusCode >= 500) return 'error';
  if (statusCode >= 400 || aborted) return 'info';
  return 'debug';
}

/**
 * The access log: one line per request at the level its outcome calls for (see accessLogLevel),
 * with the address's query values left out. The line is built only when its level is enabled:
 * at the production level (info) a 2xx costs one timestamp and one listener. Written here rather
 * than with pino-http, which builds a child logger, a request id and a serialised request on every
 * call: that was about a tenth of the status-check path's CPU in the bench's profile, for lines
 * that the production level then drops.
 */
export function accessLog(log: Logger, options: { ignore: readonly string[] }): RequestHandler {
  const ignored = new Set(options.ignore);
  return (req, res, next) => {
    if (ignored.has(req.url)) return next();
    const started = performance.now();
    res.once('close', () => {
      // 'close' comes after the answer was sent, or when the client went away before that.
      const aborted = !res.writableFinished;
      const level = accessLogLevel(res.statusCode, aborted);
      if (!log.isLevelEnabled(level)) return;
      log[level](
        { req: { method: req.method, url: loggedUrl(originalUrl(req)) }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - started) },
        aborted ? 'request aborted' : 'request completed',
      );
    });
    next();
  };
}

/** The address as the client sent it (routers rewrite `req.url` to be relative to their mount). */
function originalUrl(req: Request): string {
  return req.originalUrl || req.url;
}
