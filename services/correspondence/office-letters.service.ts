import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { audit } from '../audit/audit.service';
import { linkedCaseSummary, notYourCase } from '../citizen-cases/citizen-cases.service';
import type { Outbox } from '../outbox/outbox.service';
import { wallClockTime } from '../shared/database';
import { decodeAttachments, sha256Hex } from '../submissions/attachments';
import { lockCaseForOfficeWriting } from './case-access';
import type { LetterView, SendLetterInput } from './correspondence.schemas';
import { findLetterOfCase, insertLetter, insertLetterAttachment, markLetterOpened, type LetterRecord } from './letter.repository';

/** A letter as its reader sees it. */
function toLetterView(l: LetterRecord): LetterView {
  return { id: l.id, title: l.title, content: l.content, sentAt: l.sentAt.toISOString(), attachments: l.attachments };
}

/** Letters from the office (decisions, notices) into the inboxes of a case's parties. */
export class OfficeLetterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Sends a letter with its files in a case (also a closed one: the decision that ends it); the
   * `case_letter` message of every linked citizen is recorded in the same transaction (outbox).
   */
  async send(actor: Actor, number: string, input: SendLetterInput): Promise<{ id: string }> {
    const files = decodeAttachments(input.attachments);
    return this.outbox.transaction(async (manager, emit) => {
      const locked = await lockCaseForOfficeWriting(manager, actor, number, { closedToo: true });
      const sentAt = await wallClockTime(manager);
      const id = await insertLetter(manager, { caseId: locked.id, title: input.title, content: input.content, sha256: sha256Hex(input.content), sentAt, sentBy: actor.userId });
      for (const f of files) await insertLetterAttachment(manager, { letterId: id, ...f });
      await emit({ name: 'inbox.case-letter', data: { letterId: id } });
      await audit(manager, { actor: actor.login, action: 'case.letter_sent', subject: number, ip: actor.ip, details: { letterId: id, title: input.title, files: files.length } });
      return { id };
    });
  }

  /** One letter of one of the citizen's cases; the first reading by any linked citizen is recorded (shown to the office). */
  async read(userId: string, number: string, letterId: string): Promise<LetterView> {
    const record = await linkedCaseSummary(this.dataSource, userId, number);
    const letter = await findLetterOfCase(this.dataSource, record.id, letterId);
    if (!letter) throw notYourCase();
    if (!letter.openedAt) await markLetterOpened(this.dataSource, letter.id, userId);
    return toLetterView(letter);
  }
}
