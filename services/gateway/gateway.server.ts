import type { Server } from 'node:http';
import type { AppContext } from '../context';
import { listenApp } from '../http/http-server';
import { createApp } from './app';

export { closeServer } from '../http/http-server';

/** Builds the gateway's app and listens on `port` (0 picks a free one). */
export function listen(ctx: AppContext, port: number): Promise<{ server: Server; port: number }> {
  return listenApp(createApp(ctx), port);
}
