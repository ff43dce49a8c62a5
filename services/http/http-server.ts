import type { Server } from 'node:http';
import type express from 'express';

/** Listens with `app` on `port` (0 picks a free one); resolves with the server and its real port. */
export async function listenApp(app: express.Express, port: number): Promise<{ server: Server; port: number }> {
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
