import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../shared/app-error';

const uuid = z.uuid();

/** An id in a letter page's address; one that cannot be an id is no page (404, as for an unknown letter). */
export function letterIdOf(req: Request, param = 'id'): string {
  const parsed = uuid.safeParse(req.params[param]);
  if (!parsed.success) throw AppError.notFound('Nie ma takiego pisma.');
  return parsed.data;
}

/** "12 B", "3,4 kB", "1,2 MB": a file size as people read it. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toLocaleString('pl-PL', { maximumFractionDigits: 1 })} kB`;
  return `${(kb / 1024).toLocaleString('pl-PL', { maximumFractionDigits: 1 })} MB`;
}

/** A letter's files for the `letter-files` partial: each with its download link and size in words. */
export function letterFiles<A extends { id: string; sizeBytes: number }>(attachments: A[], href: (id: string) => string) {
  return attachments.map((a) => ({ ...a, href: href(a.id), size: fileSize(a.sizeBytes) }));
}
