import type { Db } from '../shared/database';
import type { StoredFile } from '../http/stored-file';
import type { FileRecord } from './letter.repository';

/** One document of a case as the lists show it. */
export interface DocumentRecord {
  id: string;
  kind: 'submission' | 'reply' | 'letter';
  at: Date;
  title: string;
  openedAt: Date | null;
  attachments: FileRecord[];
}

const FILES = (table: string, key: string, owner: string) => `COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename,
    'contentType', a.content_type, 'sizeBytes', a.size_bytes, 'sha256', a.sha256) ORDER BY a.filename, a.id)
    FROM ${table} a WHERE a.${key} = ${owner}), '[]')`;

/**
 * Every document of a case, oldest first: the submission that opened it, the citizens' replies
 * and the office's letters (one query).
 */
export function listCaseDocuments(db: Db, caseId: string): Promise<DocumentRecord[]> {
  return db.query(
    `SELECT s.id, s.kind, s.submitted_at AS at, s.title, NULL::timestamptz AS "openedAt",
            ${FILES('submission_attachments', 'submission_id', 's.id')} AS attachments
       FROM submissions s
      WHERE s.id = (SELECT submission_id FROM cases WHERE id = $1) OR s.case_id = $1
     UNION ALL
     SELECT l.id, 'letter', l.sent_at, l.title, l.opened_at, ${FILES('case_letter_attachments', 'letter_id', 'l.id')}
       FROM case_letters l WHERE l.case_id = $1
     ORDER BY at, id`,
    [caseId],
  );
}

/** One file of one document of the case (its opening submission, a reply or a letter), with its bytes; or null. */
export async function findCaseDocumentFile(db: Db, caseId: string, documentId: string, attachmentId: string): Promise<StoredFile | null> {
  const rows: StoredFile[] = await db.query(
    `SELECT a.filename, a.content_type AS "contentType", a.data
       FROM submission_attachments a JOIN submissions s ON s.id = a.submission_id
      WHERE a.id = $3 AND s.id = $2 AND (s.case_id = $1 OR s.id = (SELECT submission_id FROM cases WHERE id = $1))
     UNION ALL
     SELECT a.filename, a.content_type, a.data
       FROM case_letter_attachments a JOIN case_letters l ON l.id = a.letter_id
      WHERE a.id = $3 AND l.id = $2 AND l.case_id = $1`,
    [caseId, documentId, attachmentId],
  );
  return rows[0] ?? null;
}
