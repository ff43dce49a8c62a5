import { createHash } from 'node:crypto';
import { AppError } from '../shared/app-error';
import { MAX_ATTACHMENTS_BYTES, type SubmitInput } from './submission.schemas';

/** Hex SHA-256 of a text (its UTF-8 bytes) or of a file: what receipts and document lists show. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file as it is stored: decoded, measured and hashed. */
export interface DecodedFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  data: Buffer;
}

/**
 * Decodes the attachments of a submission, a reply or an office letter, and applies the one
 * size rule they share (MAX_ATTACHMENTS_BYTES together: 413 `payload_too_large`).
 */
export function decodeAttachments(attachments: SubmitInput['attachments']): DecodedFile[] {
  const files = attachments.map((a) => {
    const data = Buffer.from(a.dataBase64, 'base64');
    return { filename: a.filename, contentType: a.contentType, sizeBytes: data.length, sha256: sha256Hex(data), data };
  });
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  if (total > MAX_ATTACHMENTS_BYTES) {
    throw new AppError(413, 'payload_too_large', 'Za duże załączniki', `Załączniki mogą mieć razem najwyżej 5 MiB (te mają ${(total / 1048576).toFixed(1)} MiB).`, undefined, {}, 'attachments');
  }
  return files;
}
