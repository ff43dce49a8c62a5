import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { errorHandler } from '../../../services/http/problem';
import { logger } from '../../../services/shared/logger';
import { pageError } from '../../../services/web/page-errors';

/** Serves one route that fails unexpectedly, behind the given error handler; returns what was logged. */
async function failOnce(handler: express.ErrorRequestHandler, path: string): Promise<{ status: number; logged: unknown[] }> {
  const spy = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  const app = express();
  app.get('/*path', () => {
    throw new Error('boom');
  });
  app.use(handler);
  const server = app.listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    await res.arrayBuffer();
    return { status: res.status, logged: spy.mock.calls.map((call) => call[0]) };
  } finally {
    server.close();
    spy.mockRestore();
  }
}

describe('an unexpected error is logged without the values of its query string', () => {
  test('when an API call fails, then the log names the address with the query names only', async () => {
    const { status, logged } = await failOnce(errorHandler({ publicUrl: 'http://localhost:3000', production: true }), '/api/v1/cases?login=jan.kowalski&key=ABCD');
    expect(status).toBe(500);
    expect(logged).toEqual([expect.objectContaining({ method: 'GET', url: '/api/v1/cases?login=…&key=…' })]);
    expect(JSON.stringify(logged)).not.toMatch(/jan\.kowalski|ABCD/);
  });

  test('when a page fails, then the same holds', async () => {
    const { status, logged } = await failOnce(pageError(true), '/urzad/sprawy?szukaj=Nowak');
    expect(status).toBe(500);
    expect(logged).toEqual([expect.objectContaining({ url: '/urzad/sprawy?szukaj=…' })]);
    expect(JSON.stringify(logged)).not.toContain('Nowak');
  });
});
