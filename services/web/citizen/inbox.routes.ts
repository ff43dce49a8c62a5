import express from 'express';
import { idParams } from '../../inbox/inbox.schemas';
import type { InboxService } from '../../inbox/inbox.service';
import { AppError } from '../../shared/app-error';
import { PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { PAGE_SIZE, pageCount, pageOf } from '../paging';
import { sendPage } from '../web-render';
import { citizen } from './citizen-pages';

/** The contact inbox: its messages a page at a time, and one message (read by opening it). */
export function inboxRoutes(inbox: InboxService): express.Router {
  const router = express.Router();

  router.get(PAGES.inbox, citizen, async (req, res) => {
    const { principal } = sessionOf(res);
    const { page, limit, offset } = pageOf(req.query.strona);
    const list = await inbox.list(principal.userId, { limit, offset });
    const pages = pageCount(list.total);
    // A page past the end (an old link, the last message read elsewhere) is not an empty inbox.
    if (page > pages) {
      res.redirect(303, `${PAGES.inbox}?strona=${pages}`);
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
      // The live list keeps the first page this long when new messages push onto it.
      pageSize: PAGE_SIZE,
    });
  });

  router.get(`${PAGES.inbox}/:id`, citizen, async (req, res) => {
    const { principal } = sessionOf(res);
    const params = idParams.safeParse(req.params);
    if (!params.success) throw AppError.notFound('Nie ma takiej wiadomości.');
    const message = await inbox.get(principal.userId, params.data.id);
    if (message.readAt === null) await inbox.markRead(principal.userId, message.id);
    // Reading a message changes the unread count shown in the header.
    if (res.locals.user && message.readAt === null) res.locals.user.unread = Math.max(0, res.locals.user.unread - 1);
    sendPage(res, 'wiadomosc', { title: message.subject, message });
  });

  return router;
}
