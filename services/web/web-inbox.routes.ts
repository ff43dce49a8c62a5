import express from 'express';
import type { AccountService } from '../accounts/account.service';
import { idParams } from '../inbox/inbox.schemas';
import type { InboxService } from '../inbox/inbox.service';
import { AppError } from '../shared/app-error';
import { MAX_ATTACHMENTS, MAX_ATTACHMENTS_BYTES, submitBody } from '../submissions/submission.schemas';
import type { SubmissionService } from '../submissions/submission.service';
import { WebForm, type FieldSpec } from './web-forms';
import { sendPage } from './web-render';
import { requireLogin, sessionOf } from '../http/session';
import { ATTACHMENTS_FIELD, letterUpload, uploadedAttachments } from './web-uploads';

const PAGE_SIZE = 20;
const citizen = requireLogin(['citizen']);

const SUBMIT_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Tytuł pisma', required: 'Wpisz tytuł pisma.' },
  { name: 'content', label: 'Treść pisma', required: 'Wpisz treść pisma.' },
  { name: 'attachments', label: 'Załączniki' },
  { name: 'requestAccessKey', label: 'Proszę o wygenerowanie internetowego klucza dostępu do sprawy' },
];
const SETTINGS_FIELDS: FieldSpec[] = [{ name: 'notifyByEmail', label: 'Powiadamiaj mnie e-mailem o nowych wiadomościach w skrzynce' }];

/** The contact inbox, its settings, sending a document to the ESP and the list of one's documents. */
export function webInboxRoutes(accounts: AccountService, inbox: InboxService, submissions: SubmissionService): express.Router {
  const router = express.Router();

  router.get('/skrzynka', citizen, async (req, res) => {
    const { principal } = sessionOf(res);
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.strona ?? '1'), 10) || 1));
    const list = await inbox.list(principal.userId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    // A page past the end (an old link, the last message read elsewhere) is not an empty inbox.
    if (page > pages) {
      res.redirect(303, `/skrzynka?strona=${pages}`);
      return;
    }
    sendPage(res, 'skrzynka', {
      title: 'Skrzynka kontaktowa',
      messages: list.items.map((m) => ({ id: m.id, subject: m.subject, createdAt: m.createdAt, unread: m.readAt === null })),
      total: list.total,
      unread: list.unread,
      page,
      pages,
      previous: page > 1 ? page - 1 : null,
      next: page < pages ? page + 1 : null,
    });
  });

  router.get('/skrzynka/ustawienia', citizen, async (req, res) => {
    const me = await accounts.me(sessionOf(res).principal.userId);
    const form = new WebForm(SETTINGS_FIELDS);
    sendPage(res, 'ustawienia', {
      title: 'Ustawienia skrzynki',
      notice: req.query.zapisano !== undefined ? 'Zapisano ustawienia.' : null,
      email: me.email,
      fields: { notifyByEmail: form.field('notifyByEmail', { type: 'checkbox', checked: me.notifyByEmail, hint: 'E-mail mówi tylko, że czeka nowa wiadomość. Nie zawiera danych spraw ani kluczy dostępu.' }) },
    });
  });

  router.post('/skrzynka/ustawienia', citizen, async (req, res) => {
    const form = WebForm.from(SETTINGS_FIELDS, req.body);
    await accounts.updateMe(sessionOf(res).principal.userId, { notifyByEmail: form.checked('notifyByEmail') });
    res.redirect(303, '/skrzynka/ustawienia?zapisano=1');
  });

  router.get('/skrzynka/:id', citizen, async (req, res) => {
    const { principal } = sessionOf(res);
    const params = idParams.safeParse(req.params);
    if (!params.success) throw AppError.notFound('Nie ma takiej wiadomości.');
    const message = await inbox.get(principal.userId, params.data.id);
    if (message.readAt === null) await inbox.markRead(principal.userId, message.id);
    // Reading a message changes the unread count shown in the header.
    if (res.locals.user && message.readAt === null) res.locals.user.unread = Math.max(0, res.locals.user.unread - 1);
    sendPage(res, 'wiadomosc', { title: message.subject, message });
  });

  router.get('/wyslij-pismo', citizen, (_req, res) => submitPage(res, new WebForm(SUBMIT_FIELDS)));

  router.post('/wyslij-pismo', letterUpload(), keepLetterWhenLoggedOut, citizen, async (req, res) => {
    const form = WebForm.from(SUBMIT_FIELDS, req.body);
    const uploadError = res.locals.uploadError as string | undefined;
    if (uploadError) form.addFieldError(ATTACHMENTS_FIELD, uploadError);
    const input = form.parse(submitBody, {
      title: form.values.title ?? '',
      content: form.values.content ?? '',
      requestAccessKey: form.checked('requestAccessKey'),
      attachments: uploadedAttachments(req),
    });
    if (input) {
      try {
        const receipt = await submissions.submit(sessionOf(res).principal.userId, input);
        res.redirect(303, `/moje-pisma?wyslano=${encodeURIComponent(receipt.id)}`);
        return;
      } catch (error) {
        form.fail(error);
      }
    }
    submitPage(res, form, form.status);
  });

  router.get('/moje-pisma', citizen, async (req, res) => {
    const { items } = await submissions.listOwn(sessionOf(res).principal.userId);
    const sent = items.find((s) => s.id === req.query.wyslano) ?? null;
    sendPage(res, 'moje-pisma', {
      title: 'Moje pisma',
      notice: sent ? `Pismo „${sent.title}” zostało przyjęte. Numer potwierdzenia odbioru: ${sent.receiptNumber}. Urzędowe potwierdzenie odbioru znajdziesz w skrzynce kontaktowej.` : null,
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
  submitPage(res, form, 401, true);
}

function submitPage(res: express.Response, form: WebForm, status = 200, sessionExpired = false): void {
  sendPage(
    res,
    'wyslij-pismo',
    {
      title: 'Wyślij pismo do urzędu',
      sessionExpired,
      errorList: form.summary(),
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
