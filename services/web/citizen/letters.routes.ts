import express from 'express';
import { MAX_ATTACHMENTS, MAX_ATTACHMENTS_BYTES, submitBody } from '../../submissions/submission.schemas';
import type { SubmissionService } from '../../submissions/submission.service';
import { PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { postForm, sendFormPage } from '../form-page';
import { keptFormId, redirectOnce, type StillSending } from '../one-shot-answer';
import { newFormId, type OneShotForms } from '../one-shot-forms';
import { WebForm, type FieldSpec } from '../web-forms';
import { sendPage } from '../web-render';
import { ATTACHMENTS_FIELD, letterUpload, uploadedAttachments } from '../web-uploads';
import { citizen } from './citizen-pages';

const SUBMIT_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Tytuł pisma', required: 'Wpisz tytuł pisma.' },
  { name: 'content', label: 'Treść pisma', required: 'Wpisz treść pisma.' },
  { name: 'attachments', label: 'Załączniki' },
  { name: 'requestAccessKey', label: 'Proszę o wygenerowanie internetowego klucza dostępu do sprawy' },
];

const LETTER_BEING_SENT: StillSending = {
  detail: 'To pismo jest właśnie wysyłane. Za chwilę sprawdź listę „Moje pisma”, zanim wyślesz je ponownie.',
  link: { href: PAGES.myLetters, label: 'Przejdź do listy pism' },
};

/** Sending a letter to the office's ESP (once, however often the form is sent), and the list of one's letters. */
export function lettersRoutes(submissions: SubmissionService, oneShot: OneShotForms): express.Router {
  const router = express.Router();

  router.get(PAGES.sendLetter, citizen, (_req, res) => submitPage(res, new WebForm(SUBMIT_FIELDS), newFormId()));

  router.post(PAGES.sendLetter, letterUpload(), keepLetterWhenLoggedOut, citizen, (req, res) => {
    const form = WebForm.from(SUBMIT_FIELDS, req.body);
    if (res.locals.uploadError) form.addFieldError(ATTACHMENTS_FIELD, res.locals.uploadError);
    return postForm(res, {
      form,
      parse: () =>
        form.parse(submitBody, {
          title: form.values.title ?? '',
          content: form.values.content ?? '',
          requestAccessKey: form.checked('requestAccessKey'),
          attachments: uploadedAttachments(req),
        }),
      act: (input) =>
        redirectOnce(
          oneShot,
          req,
          res,
          async () => {
            const receipt = await submissions.submit(sessionOf(res).principal.userId, input);
            return `${PAGES.myLetters}?wyslano=${encodeURIComponent(receipt.id)}`;
          },
          LETTER_BEING_SENT,
        ),
      show: (_form, status) => submitPage(res, form, keptFormId(req), status),
    });
  });

  router.get(PAGES.myLetters, citizen, async (req, res) => {
    const { items } = await submissions.listOwn(sessionOf(res).principal.userId);
    const sent = items.find((s) => s.id === req.query.wyslano) ?? null;
    sendPage(res, 'moje-pisma', {
      title: 'Moje pisma',
      notice: sent ? `Pismo „${sent.title}” zostało przyjęte. Numer potwierdzenia odbioru: ${sent.receiptNumber}. Podpisane potwierdzenie odbioru (PDF i JSON) pobierzesz ze strony pisma — kliknij jego tytuł na liście poniżej.` : null,
      submissions: items,
    });
  });

  return router;
}

/**
 * A letter sent after the session ended (an hour at most) is not sent, but neither is it lost:
 * instead of the login page, the form comes back with what was typed and a way to log in again
 * in another tab, after which the same form can be sent as it is.
 */
function keepLetterWhenLoggedOut(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (res.locals.session) return next();
  const form = WebForm.from(SUBMIT_FIELDS, req.body);
  submitPage(res, form, keptFormId(req), 401, true);
}

function submitPage(res: express.Response, form: WebForm, formId: string, status = 200, sessionExpired = false): void {
  sendFormPage(
    res,
    'wyslij-pismo',
    form,
    {
      title: 'Wyślij pismo do urzędu',
      sessionExpired,
      formId,
      fields: {
        title: form.field('title', { hint: 'Na przykład: Wniosek o wydanie zaświadczenia. Najwyżej 200 znaków.' }),
        content: form.field('content', { textarea: true }),
        attachments: form.field(ATTACHMENTS_FIELD, {
          type: 'file',
          hint: `Nieobowiązkowe: najwyżej ${MAX_ATTACHMENTS} plików, razem do ${MAX_ATTACHMENTS_BYTES / 1024 / 1024} MB (np. skan wniosku w PDF lub zdjęcie JPG). Pliki nie wracają w formularzu, jeśli trzeba go poprawić: wybierz je wtedy ponownie.`,
        }),
        requestAccessKey: form.field('requestAccessKey', {
          type: 'checkbox',
          hint: 'Klucz przyjdzie do skrzynki kontaktowej razem z informacją o założeniu sprawy. Pozwala dołączyć sprawę do konta.',
        }),
      },
    },
    status,
  );
}
