import type { Response } from 'express';

/**
 * Types a browser may be told a stored file has. Anything else (HTML, SVG, scripts, whatever a
 * sender claimed) goes out as `application/octet-stream`, so no uploaded file can run as a page
 * of this site.
 */
const SERVABLE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.graphics',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

/** The type a stored file is served with: its own when on the allow list, else octet-stream. */
export function servedContentType(storedType: string): string {
  const type = storedType.toLowerCase().split(';')[0].trim();
  return SERVABLE_TYPES.has(type) ? type : 'application/octet-stream';
}

/**
 * A file name safe to put in a header and on a disk: no path parts, no control or
 * bidirectional-override characters, at most 150 characters (keeping the extension).
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  const stem = extension ? clean.slice(0, dot) : clean;
  const short = stem.slice(0, 150 - extension.length) + extension;
  return short.replace(/^\.+/, '') || 'plik';
}

/** `Content-Disposition: attachment` with the UTF-8 name (RFC 6266/8187) and an ASCII fallback. */
export function attachmentDisposition(name: string): string {
  const safe = safeFilename(name);
  const ascii = safe
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/[^\x20-\x7e]|[%\\]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file kept in the database, as it is read back for download. */
export interface StoredFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/**
 * Sends a stored file as a download: allow-listed type, `attachment` disposition, `nosniff`, a
 * sandboxing CSP in case a browser renders it anyway, and no caching by shared caches.
 */
export function sendStoredFile(res: Response, file: StoredFile): void {
  res.status(200);
  res.setHeader('Content-Type', servedContentType(file.contentType));
  res.setHeader('Content-Disposition', attachmentDisposition(file.filename));
  res.setHeader('Content-Length', String(file.data.length));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(file.data);
}
