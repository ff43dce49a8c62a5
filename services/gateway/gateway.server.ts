import type { Server } from 'node:http';
import type { AppContext } from '../context';
import { createApp } from './app';

/** Listens on `port` (0 picks a free one); resolves with the server and its real port. */
export async function listen(ctx: AppContext, port: number): Promise<{ server: Server; port: number }> {
  const app = createApp(ctx);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}

/** Stops accepting connections and waits for requests in flight. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
