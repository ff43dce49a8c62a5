import { ROLES } from '../../../entities/user.entity';
import { EventStream } from '../../http/event-stream';
import type { ApiRouter } from '../api-router';
import type { LiveEventHub } from '../live-events';

/** The live stream of the caller's inbox (Server-Sent Events). */
export function eventRoutes(api: ApiRouter, live: LiveEventHub): void {
  api.stream({
    path: '/events',
    summary: 'Powiadomienia na żywo: nowe wiadomości w skrzynce i liczba nieprzeczytanych',
    tags: ['Skrzynka kontaktowa'],
    roles: ROLES,
    description:
      'Server-Sent Events: `message` ({ id, kind, subject, createdAt }, with `id:` the message id) when a message lands in the inbox, `unread` ({ unread }); a comment line every 20 s. With `Last-Event-ID` the still-unread messages after that one come first, oldest first.',
    handler: async ({ principal, req, res }) => {
      const stream = new EventStream(res);
      await live.open(principal.userId, stream, req.get('last-event-id') || undefined);
    },
  });
}
