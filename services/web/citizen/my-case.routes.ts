import express from 'express';
import { notYourCase } from '../../citizen-cases/citizen-cases.service';
import { replyBody } from '../../correspondence/correspondence.schemas';
import type { OfficeLetterService } from '../../correspondence/office-letters.service';
import type { ReplyService } from '../../correspondence/reply.service';
import { caseNumberParams } from '../../office/office.schemas';
import { fileReminderBody } from '../../reminders/reminder.schemas';
import { sendStoredFile } from '../../http/stored-file';
import { citizenCasePath, PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { documentFileParams, letterParams } from '../../correspondence/correspondence.schemas';
import { postForm, sendFormPage } from '../form-page';
import { keptFormId, redirectOnce } from '../one-shot-answer';
import type { OneShotForms } from '../one-shot-forms';
import { ATTACHMENTS_FIELD, letterUpload, uploadedAttachments } from '../web-uploads';
import { WebForm } from '../web-forms';
import { sendPage } from '../web-render';
import { ATTACHMENTS_HINT, documentForPage } from '../correspondence-views';
import { citizen } from './citizen-pages';
import { freshForms, REMINDER_FIELDS, REPLY_FIELDS, sendMyCasePage, type MyCaseDeps } from './my-case-page';

const NOTICES: Record<string, string> = {
  ponaglenie: 'Złożono ponaglenie. Urząd przekaże je organowi wyższego stopnia w ciągu 7 dni.',
};

/**
 * One of the citizen's cases: its facts, deadline and history, calls for completion with the
 * reply form, the documents both ways (office letters read on a page of their own, which records
 * the opening), their files, and the ponaglenie (KPA art. 37) when it is overdue.
 */
export function myCaseRoutes(
  deps: MyCaseDeps & { replies: ReplyService; letters: OfficeLetterService; oneShot: OneShotForms; ownReceipt: (userId: string, id: string) => Promise<string | null> },
): express.Router {
  const router = express.Router();
  const path = `${PAGES.myCases}/:number`;

  router.get(path, citizen, async (req, res) => {
    const key = Object.keys(NOTICES).find((k) => req.query[k] !== undefined);
    let notice = key ? NOTICES[key] : null;
    if (typeof req.query.odpowiedz === 'string') {
      const receipt = await deps.ownReceipt(sessionOf(res).principal.userId, req.query.odpowiedz);
      if (receipt) notice = `Odpowiedź została przyjęta. Numer potwierdzenia odbioru: ${receipt}. Urzędowe potwierdzenie odbioru znajdziesz w skrzynce kontaktowej.`;
    }
    await sendMyCasePage(res, deps, numberOf(req), freshForms(), notice);
  });

  router.post(`${path}/ponaglenie`, citizen, async (req, res) => {
    const number = numberOf(req);
    const reminder = WebForm.from(REMINDER_FIELDS, req.body);
    await postForm(res, {
      form: reminder,
      parse: (form) => form.parse(fileReminderBody, { justification: form.values.justification ?? '' }),
      act: async (input) => {
        await deps.reminders.file(sessionOf(res).principal.userId, { ip: req.ip ?? null }, number, input);
        return `${citizenCasePath(number)}?ponaglenie=zlozone`;
      },
      show: (form, status) => sendMyCasePage(res, deps, number, { ...freshForms(), reminder: form, sent: form }, null, status),
      errorField: 'justification',
    });
  });

  router.post(`${path}/odpowiedz`, letterUpload(), keepReplyWhenLoggedOut, citizen, async (req, res) => {
    const number = numberOf(req);
    const form = WebForm.from(REPLY_FIELDS, req.body);
    if (res.locals.uploadError) form.addFieldError(ATTACHMENTS_FIELD, res.locals.uploadError);
    await postForm(res, {
      form,
      parse: () =>
        form.parse(replyBody, {
          content: form.values.content ?? '',
          ...(form.values.callId ? { callId: form.values.callId } : {}),
          attachments: uploadedAttachments(req),
        }),
      act: (input) =>
        redirectOnce(
          deps.oneShot,
          req,
          res,
          async () => {
            const receipt = await deps.replies.reply(sessionOf(res).principal.userId, number, input);
            return `${citizenCasePath(number)}?odpowiedz=${encodeURIComponent(receipt.id)}#dokumenty`;
          },
          {
            detail: 'Ta odpowiedź jest właśnie wysyłana. Za chwilę sprawdź dokumenty sprawy, zanim wyślesz ją ponownie.',
            link: { href: `${citizenCasePath(number)}#dokumenty`, label: `Przejdź do sprawy ${number}` },
          },
        ),
      show: (shown, status) => sendMyCasePage(res, deps, number, { ...freshForms(), reply: shown, replyFormId: keptFormId(req), sent: shown }, null, status),
      errorField: { case_closed: 'content', payload_too_large: ATTACHMENTS_FIELD },
    });
  });

  router.get(`${path}/pisma/:id`, citizen, async (req, res) => {
    const params = letterParams.safeParse(req.params);
    if (!params.success) throw notYourCase();
    const { number, id } = params.data;
    const letter = await deps.letters.read(sessionOf(res).principal.userId, number, id);
    const base = citizenCasePath(number);
    sendPage(res, 'pismo-urzedu', {
      title: letter.title,
      number,
      caseHref: base,
      letter: documentForPage({ ...letter, kind: 'letter', direction: 'out', at: letter.sentAt, openedAt: null }, base),
      content: letter.content,
    });
  });

  router.get(`${path}/dokumenty/:documentId/zalaczniki/:attachmentId`, citizen, async (req, res) => {
    const params = documentFileParams.safeParse(req.params);
    if (!params.success) throw notYourCase();
    const { number, documentId, attachmentId } = params.data;
    sendStoredFile(res, await deps.documents.citizenFile(sessionOf(res).principal.userId, number, documentId, attachmentId));
  });

  return router;
}

/**
 * A reply sent after the session ended is not sent, but neither is it lost: instead of the login
 * page, its text comes back with a way to log in again in another tab (as the letter form does).
 * Nothing about the case is shown: whoever sends it is not known now.
 */
function keepReplyWhenLoggedOut(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (res.locals.session) return next();
  const number = numberOf(req);
  const form = WebForm.from(REPLY_FIELDS, req.body);
  sendFormPage(
    res,
    'odpowiedz-sesja',
    form,
    {
      title: `Odpowiedź w sprawie ${number}`,
      number,
      replyAction: `${citizenCasePath(number)}/odpowiedz`,
      callId: form.values.callId ?? '',
      formId: keptFormId(req),
      fields: {
        content: form.field('content', { textarea: true }),
        attachments: form.field(ATTACHMENTS_FIELD, { type: 'file', hint: ATTACHMENTS_HINT }),
      },
    },
    401,
  );
}

/** The case number in the address; one that cannot be a case number is the same 404 as any other case not the citizen's. */
function numberOf(req: express.Request): string {
  const parsed = caseNumberParams.safeParse(req.params);
  if (!parsed.success) throw notYourCase();
  return parsed.data.number;
}
