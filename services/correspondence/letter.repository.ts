import type { EntityManager } from 'typeorm';
import type { Case } from '../../entities/case.entity';
import type { CaseLetter } from '../../entities/case-letter.entity';
import type { CaseLetterAttachment } from '../../entities/case-letter-attachment.entity';
import type { Db } from '../shared/database';

/** A file as document lists show it (no bytes). */
export type FileRecord = Pick<CaseLetterAttachment, 'id' | 'filename' | 'contentType' | 'sizeBytes' | 'sha256'>;

/** An office letter with its files' descriptions. */
export type LetterRecord = Pick<CaseLetter, 'id' | 'caseId' | 'title' | 'content' | 'sentAt' | 'openedAt'> & { attachments: FileRecord[] };

/** A letter with its case's number, for the citizens' notice. */
export type LetterNotice = LetterRecord & { caseNumber: Case['number'] };

/** The JSON of a letter's files, oldest first (the order they were sent in). */
const LETTER_FILES_SQL = `COALESCE((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type,
                                                     'sizeBytes', a.size_bytes, 'sha256', a.sha256) ORDER BY a.filename, a.id)
                           FROM case_letter_attachments a WHERE a.letter_id = l.id), '[]')`;

const LETTER_SQL = `SELECT l.id, l.case_id AS "caseId", l.title, l.content, l.sent_at AS "sentAt", l.opened_at AS "openedAt",
                           ${LETTER_FILES_SQL} AS attachments, c.number AS "caseNumber"
                      FROM case_letters l JOIN cases c ON c.id = l.case_id`;

/** Records a letter; returns its id. */
export async function insertLetter(manager: EntityManager, l: Pick<CaseLetter, 'caseId' | 'title' | 'content' | 'sha256' | 'sentAt' | 'sentBy'>): Promise<string> {
  const rows: Array<Pick<CaseLetter, 'id'>> = await manager.query(
    `INSERT INTO case_letters (case_id, title, content, sha256, sent_at, sent_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [l.caseId, l.title, l.content, l.sha256, l.sentAt, l.sentBy],
  );
  return rows[0].id;
}

/** Stores one file of a letter. */
export async function insertLetterAttachment(manager: EntityManager, a: Omit<CaseLetterAttachment, 'id'>): Promise<void> {
  await manager.query(
    `INSERT INTO case_letter_attachments (letter_id, filename, content_type, size_bytes, sha256, data) VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.letterId, a.filename, a.contentType, a.sizeBytes, a.sha256, a.data],
  );
}

/** One letter of one case, or null. */
export async function findLetterOfCase(db: Db, caseId: string, letterId: string): Promise<LetterRecord | null> {
  const rows: LetterNotice[] = await db.query(`${LETTER_SQL} WHERE l.id = $1 AND l.case_id = $2`, [letterId, caseId]);
  return rows[0] ?? null;
}

/** One letter with its case's number, or null. */
export async function findLetterNotice(db: Db, letterId: string): Promise<LetterNotice | null> {
  const rows: LetterNotice[] = await db.query(`${LETTER_SQL} WHERE l.id = $1`, [letterId]);
  return rows[0] ?? null;
}

/** Records the first opening of a letter (a later one changes nothing); answers when it was first opened. */
export async function markLetterOpened(db: Db, letterId: string, userId: string): Promise<Date> {
  const rows: Array<Pick<CaseLetter, 'openedAt'>> = await db.query(
    `WITH o AS (UPDATE case_letters SET opened_at = now(), opened_by = $2 WHERE id = $1 AND opened_at IS NULL RETURNING opened_at)
     SELECT COALESCE((SELECT opened_at FROM o), (SELECT opened_at FROM case_letters WHERE id = $1)) AS "openedAt"`,
    [letterId, userId],
  );
  return rows[0].openedAt!;
}
