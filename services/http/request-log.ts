import type { IncomingMessage } from 'node:http';

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

/** How a request appears in the access log: its id, method and address without query values. */
export function requestSerializer(req: IncomingMessage & { id?: unknown }): Record<string, unknown> {
  return { id: req.id, method: req.method, url: loggedUrl(req.url) };
}
