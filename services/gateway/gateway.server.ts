import type { Server } from 'node:http';
import type { AppContext } from '../context';
import { listenApp } from '../http/http-server';
import { createApp, liveEventHub } from './app';

export { closeServer } from '../http/http-server';

/** Builds the gateway's app and listens on `port` (0 picks a free one); closing the server ends its live streams. */
export function listen(ctx: AppContext, port: number): Promise<{ server: Server; port: number }> {
  const live = liveEventHub(ctx);
  return listenApp(createApp(ctx, live), port, { beforeClose: () => live.close() });
}
