import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { linkedCaseSummary } from '../citizen-cases/citizen-cases.service';
import type { StoredFile } from '../http/stored-file';
import { AppError } from '../shared/app-error';
import { caseForStaffReading } from './case-access';
import type { DocumentView } from './correspondence.schemas';
import { findCaseDocumentFile, listCaseDocuments, type DocumentRecord } from './document.repository';

function toDocumentView(d: DocumentRecord): DocumentView {
  return {
    id: d.id,
    kind: d.kind,
    direction: d.kind === 'letter' ? 'out' : 'in',
    title: d.title,
    at: d.at.toISOString(),
    attachments: d.attachments,
    openedAt: d.openedAt?.toISOString() ?? null,
  };
}

const NO_FILE = () => AppError.notFound('Nie ma takiego załącznika w dokumentach tej sprawy.');

/** One list of a case's documents both ways, and their files, for its citizens and for the office. */
export class CaseDocumentsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The documents of one of the citizen's cases, oldest first. */
  async forCitizen(userId: string, number: string): Promise<{ items: DocumentView[] }> {
    const record = await linkedCaseSummary(this.dataSource, userId, number);
    return { items: (await listCaseDocuments(this.dataSource, record.id)).map(toDocumentView) };
  }

  /** The documents of a case, oldest first, for the staff who may read it; the reading is in the audit log. */
  async forOffice(actor: Actor, number: string): Promise<{ items: DocumentView[] }> {
    const record = await caseForStaffReading(this.dataSource, actor, number);
    const items = (await listCaseDocuments(this.dataSource, record.id)).map(toDocumentView);
    await audit(this.dataSource, { actor: actor.login, action: 'case.documents_read', subject: record.number, ip: actor.ip, details: { documents: items.length } });
    return { items };
  }

  /** A file of a document of one of the citizen's cases. */
  async citizenFile(userId: string, number: string, documentId: string, attachmentId: string): Promise<StoredFile> {
    const record = await linkedCaseSummary(this.dataSource, userId, number);
    const file = await findCaseDocumentFile(this.dataSource, record.id, documentId, attachmentId);
    if (!file) throw NO_FILE();
    return file;
  }

  /** A file of a document of a case, for the staff who may read it; every download is in the audit log. */
  async officeFile(actor: Actor, number: string, documentId: string, attachmentId: string): Promise<StoredFile> {
    const record = await caseForStaffReading(this.dataSource, actor, number);
    const file = await findCaseDocumentFile(this.dataSource, record.id, documentId, attachmentId);
    if (!file) throw NO_FILE();
    await audit(this.dataSource, {
      actor: actor.login,
      action: 'case.document_file_read',
      subject: record.number,
      ip: actor.ip,
      details: { documentId, attachmentId, filename: file.filename },
    });
    return file;
  }
}
