import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { accessLog, accessLogLevel, loggedUrl } from '../../../services/http/access-log';

describe('the access log keeps no query values', () => {
  test.each([
    ['/aktywacja?login=jan.kowalski&nieaktywne=1', '/aktywacja?login=…&nieaktywne=…'],
    ['/urzad/sprawy?szukaj=Nowak%20Jan', '/urzad/sprawy?szukaj=…'],
    ['/logowanie?next=%2Fskrzynka', '/logowanie?next=…'],
    ['/api/v1/inbox', '/api/v1/inbox'],
    ['/x?', '/x?'],
    [undefined, ''],
  ])('when the address is %p, then the log reads %p', (url, logged) => {
    expect(loggedUrl(url)).toBe(logged);
  });
});

describe('the access log level follows the outcome', () => {
  test.each([
    [200, false, 'debug'],
    [302, false, 'debug'],
    [200, true, 'info'],
    [404, false, 'info'],
    [429, false, 'info'],
    [500, false, 'error'],
    [503, false, 'error'],
  ])('when the status is %p (aborted: %p), then the line is %p', (status, aborted, level) => {
    expect(accessLogLevel(status, aborted)).toBe(level);
  });
});

describe('the access log middleware', () => {
  async function served(level: string, handler: express.RequestHandler): Promise<{ lines: Array<Record<string, unknown>>; get: (path: string) => Promise<number>; close: () => void }> {
    const lines: Array<Record<string, unknown>> = [];
    const log = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const app = express();
    app.use(accessLog(log, { ignore: ['/healthz'] }));
    app.use('/api', express.Router().get('/*path', handler));
    app.get('/healthz', (_req, res) => res.status(500).end());
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      await res.arrayBuffer();
      // The line is written on the response's 'close', just after the client has it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return res.status;
    };
    return { lines, get, close: () => server.close() };
  }

  test('when a request is refused at the info level, then one line names the full address without values and the status', async () => {
    const s = await served('info', (_req, res) => void res.status(404).end());
    try {
      expect(await s.get('/api/sprawy?szukaj=Nowak')).toBe(404);
      expect(s.lines).toHaveLength(1);
      expect(s.lines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: '/api/sprawy?szukaj=…' }, res: { statusCode: 404 } });
      expect(typeof s.lines[0].responseTime).toBe('number');
      expect(JSON.stringify(s.lines)).not.toContain('Nowak');
    } finally {
      s.close();
    }
  });

  test('when a request succeeds at the info level, then nothing is written', async () => {
    const s = await served('info', (_req, res) => void res.json({ ok: true }));
    try {
      expect(await s.get('/api/inbox')).toBe(200);
      expect(s.lines).toEqual([]);
    } finally {
      s.close();
    }
  });

  test('when the level is debug, then a success is written too, and an ignored path never is', async () => {
    const s = await served('debug', (_req, res) => void res.json({ ok: true }));
    try {
      expect(await s.get('/api/inbox')).toBe(200);
      expect(await s.get('/healthz')).toBe(500);
      expect(s.lines).toHaveLength(1);
      expect(s.lines[0]).toMatchObject({ level: 20, req: { url: '/api/inbox' }, res: { statusCode: 200 } });
    } finally {
      s.close();
    }
  });

  test('when a server error is answered, then it is written at the error level', async () => {
    const s = await served('warn', (_req, res) => void res.status(503).end());
    try {
      expect(await s.get('/api/x')).toBe(503);
      expect(s.lines).toHaveLength(1);
      expect(s.lines[0]).toMatchObject({ level: 50, res: { statusCode: 503 } });
    } finally {
      s.close();
    }
  });
});
