import type { DataSource } from 'typeorm';
import { moveCaseForCorrespondence } from '../cases/case-status-move';
import { officeDayOf } from '../cases/deadline-reminders';
import type { Outbox } from '../outbox/outbox.service';
import { AppError } from '../shared/app-error';
import { wallClockTime } from '../shared/database';
import type { RateLimits } from '../shared/rate-limits';
import { decodeAttachments, type DecodedFile } from '../submissions/attachments';
import { withinSubmissionAllowance } from '../submissions/submission-limits';
import { acceptDocument } from '../submissions/submission.service';
import { lockCaseForReply } from './case-access';
import { callStatusAt } from './call-rules';
import { hasOtherOpenCall, lockCallOfCase, markCallAnswered } from './call.repository';
import type { ReplyInput, ReplyReceipt } from './correspondence.schemas';

const NO_SUCH_CALL = 'W tej sprawie nie ma takiego wezwania. Wyślij odpowiedź bez wskazywania wezwania albo wybierz wezwanie z listy na stronie sprawy.';
const CALL_CLOSED = 'To wezwanie nie czeka już na odpowiedź (odpowiedziano na nie albo minął jego termin). Wyślij odpowiedź bez wskazywania wezwania.';

/** A citizen's replies in their cases: submissions of kind `reply`, with receipts like any other. */
export class ReplyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly rateLimits: RateLimits,
  ) {}

  /**
   * Accepts a reply in one of the citizen's running cases (receipt number, hash, files, the
   * `submission_received` message). Answering an open call closes it and, when no other call
   * waits, returns the case to `in_progress`: its clock restarts, moved on by the days it
   * waited. The responsible official's e-mail is recorded in the same transaction (outbox).
   *
   * A `callId` that is not one of this case's calls, or one no longer open, is a 400 on
   * `callId`: the form names the call, so the answer belongs next to it (and a 404 would tell
   * a stranger nothing more, since ids of other cases' calls are never shown).
   */
  async reply(userId: string, number: string, input: ReplyInput): Promise<ReplyReceipt> {
    const files = decodeAttachments(input.attachments);
    // Replies count against the same hourly allowance as first letters (RATE_LIMIT_SUBMISSIONS).
    return withinSubmissionAllowance(this.rateLimits, userId, () => this.accept(userId, number, input, files));
  }

  private accept(userId: string, number: string, input: ReplyInput, files: DecodedFile[]): Promise<ReplyReceipt> {
    return this.outbox.transaction(async (manager, emit) => {
      const locked = await lockCaseForReply(manager, userId, number);
      const now = await wallClockTime(manager);
      const call = input.callId ? await lockCallOfCase(manager, locked.id, input.callId) : null;
      if (input.callId && !call) throw AppError.validation([{ field: 'callId', message: NO_SUCH_CALL }]);
      if (call && callStatusAt(call.status, call.dueDate, now) !== 'open') throw AppError.validation([{ field: 'callId', message: CALL_CLOSED }]);
      const title = call ? `Odpowiedź na wezwanie do uzupełnienia w sprawie ${number}` : `Pismo w sprawie ${number}`;
      const accepted = await acceptDocument(manager, emit, { userId, title, content: input.content, requestAccessKey: false, files, caseId: locked.id });
      if (call) {
        await markCallAnswered(manager, call.id, { answeredAt: now, replyId: accepted.id });
        const stillWaiting = await hasOtherOpenCall(manager, locked.id, call.id, officeDayOf(now));
        if (locked.status === 'awaiting_applicant' && !stillWaiting) {
          await moveCaseForCorrespondence(manager, locked, {
            to: 'in_progress',
            note: `Strona odpowiedziała na wezwanie do uzupełnienia (potwierdzenie odbioru ${accepted.receiptNumber}).`,
            changedBy: null,
            now,
          });
        }
      }
      await emit({ name: 'mail.reply-received', data: { replyId: accepted.id } });
      return accepted;
    });
  }
}
