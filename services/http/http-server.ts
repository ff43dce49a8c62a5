import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type express from 'express';

/** What to do first when a server closes: end the responses that never end by themselves (event streams). */
const beforeCloseHooks = new WeakMap<Server, () => void>();

/** Listens with `app` on `port` (0 picks a free one); resolves with the server and its real port. */
export async function listenApp(app: express.Express, port: number, options: { beforeClose?: () => void } = {}): Promise<{ server: Server; port: number }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  if (options.beforeClose) beforeCloseHooks.set(server, options.beforeClose);
  trackUnusedSockets(server);
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}

/** Stops accepting connections, ends long-lived responses and waits for requests in flight. */
export function closeServer(server: Server): Promise<void> {
  beforeCloseHooks.get(server)?.();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // A connection that never sent a request (a client's spare one) has nothing in flight, and
    // closeIdleConnections leaves it to the headers timeout: a minute of waiting at shutdown.
    for (const socket of unusedSockets.get(server) ?? []) socket.destroy();
  });
}

const unusedSockets = new WeakMap<Server, Set<Socket>>();

function trackUnusedSockets(server: Server): void {
  const unused = new Set<Socket>();
  unusedSockets.set(server, unused);
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (req: IncomingMessage) => unused.delete(req.socket));
}
