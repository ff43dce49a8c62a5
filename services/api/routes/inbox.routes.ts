import type { InboxService } from '../../inbox/inbox.service';
import { idParams, inboxQuery, inboxResponse, messageSchema } from '../../inbox/inbox.schemas';
import type { ApiRouter } from '../api-router';
import { authProblems, problems } from '../../http/problem.schema';

const tags = ['Skrzynka kontaktowa'];
const citizen = ['citizen'] as const;

/** The contact inbox (skrzynka kontaktowa) of the calling citizen. */
export function inboxRoutes(api: ApiRouter, inbox: InboxService): void {
  api
    .route({
      method: 'get',
      path: '/inbox',
      summary: 'Wiadomości w skrzynce kontaktowej, najnowsze najpierw',
      tags,
      roles: citizen,
      query: inboxQuery,
      responses: { 200: { description: 'Strona skrzynki', schema: inboxResponse }, ...problems.badRequest, ...authProblems },
      handler: async ({ principal, query }) => ({ status: 200, body: await inbox.list(principal.userId, query) }),
    })
    .route({
      method: 'get',
      path: '/inbox/:id',
      summary: 'Jedna wiadomość',
      tags,
      roles: citizen,
      params: idParams,
      responses: { 200: { description: 'Wiadomość', schema: messageSchema }, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params }) => ({ status: 200, body: await inbox.get(principal.userId, params.id) }),
    })
    .route({
      method: 'post',
      path: '/inbox/:id/read',
      summary: 'Oznacz wiadomość jako przeczytaną',
      tags,
      roles: citizen,
      params: idParams,
      responses: { 204: { description: 'Oznaczono' }, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params }) => {
        await inbox.markRead(principal.userId, params.id);
        return { status: 204 };
      },
    });
}
