import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import type { SubmissionAttachment } from '../../entities/submission-attachment.entity';
import { mayReadAtOffice, readableAtOffice, sentBy, submissionNotFound } from './submission-access';
import { findAttachmentFile, findOpeningSubmission, findSubmissionDetail, type SubmissionDetailRecord } from './submission.repository';

/** Who reads a document: its sender (a citizen's account) or a staff member at the office. */
export type Reader = { kind: 'sender'; userId: string } | { kind: 'staff'; actor: Actor };

/**
 * Reading submissions and replies again, with their files: the sender their own, the office as
 * `mayReadAtOffice` says. Every staff read is written to the audit log; anyone else gets 404.
 */
export class SubmissionReadingService {
  constructor(private readonly dataSource: DataSource) {}

  /** The sender's own submission or reply. */
  async own(userId: string, id: string) {
    return ownView(sentBy(await findSubmissionDetail(this.dataSource, id), userId));
  }

  /** A submission or reply as the office reads it, with its sender; the read is audited. */
  async atOffice(actor: Actor, id: string) {
    const record = readableAtOffice(await findSubmissionDetail(this.dataSource, id), actor);
    await audit(this.dataSource, { actor: actor.login, action: 'submission.read', subject: record.receiptNumber, ip: actor.ip, details: { submissionId: record.id } });
    return { ...ownView(record), sender: record.sender };
  }

  /** The id of the letter a case was opened from, when there is one and `actor` may read it; else null. */
  async openingLetterFor(actor: Pick<Actor, 'role' | 'unitId'>, caseNumber: string): Promise<string | null> {
    const opening = await findOpeningSubmission(this.dataSource, caseNumber);
    return opening && mayReadAtOffice(actor, opening.caseUnitId) ? opening.id : null;
  }

  /** One file of a submission for whoever may read the submission; a staff download is audited. */
  async file(reader: Reader, id: string, attachmentId: string): Promise<Pick<SubmissionAttachment, 'filename' | 'contentType' | 'data'>> {
    const detail = await findSubmissionDetail(this.dataSource, id);
    const record = reader.kind === 'sender' ? sentBy(detail, reader.userId) : readableAtOffice(detail, reader.actor);
    const file = await findAttachmentFile(this.dataSource, record.id, attachmentId);
    if (!file) throw submissionNotFound();
    if (reader.kind === 'staff') {
      await audit(this.dataSource, {
        actor: reader.actor.login,
        action: 'submission.file.downloaded',
        subject: record.receiptNumber,
        ip: reader.actor.ip,
        details: { submissionId: record.id, attachmentId: file.id, filename: file.filename },
      });
    }
    return file;
  }
}

/** What the sender reads: the document, its receipt facts and files (never the sender's own account data). */
function ownView(r: SubmissionDetailRecord) {
  return {
    id: r.id,
    title: r.title,
    content: r.content,
    receiptNumber: r.receiptNumber,
    submittedAt: r.submittedAt.toISOString(),
    sha256: r.sha256,
    status: r.status,
    caseNumber: r.caseNumber,
    attachments: r.attachments,
  };
}
