import type { Server } from 'node:http';
import express from 'express';
import { config } from '../../../config/config';
import { apiRouter } from '../../../services/api/api';
import { createContext, type AppContext } from '../../../services/context';
import { liveEventHub } from '../../../services/gateway/app';
import { Authenticator } from '../../../services/http/authenticate';
import { closeServer, listenApp } from '../../../services/http/http-server';
import { Mailer } from '../../../services/mail/mailer';
import { startWorkers, type RunningWorkers } from '../../../workers/worker.runner';
import { checkStatus } from '../../support/citizen-cases';
import { EventStreamReader } from '../../support/event-stream-reader';
import { TestService } from '../../support/test-service';

// Gateway A (the test service, no workers) and process B: the workers and a second gateway's
// API, on the same database and queue prefix. prom-client metrics register once per process,
// so B mounts the API router rather than a second createApp.
const a = new TestService();
let b: AppContext;
let bWorkers: RunningWorkers;
let bServer: Server;
let bUrl = '';
const readers: EventStreamReader[] = [];

beforeAll(async () => {
  await a.start({ workers: false });
  b = await createContext(config());
  bWorkers = await startWorkers(b, { mailer: new Mailer(a.mail.url, config().mailFrom), concurrency: 5 });
  const live = liveEventHub(b);
  const app = express().use('/api/v1', apiRouter({ services: b.services, authenticator: new Authenticator(b.tokens), publicUrl: b.config.publicUrl, live }));
  const listening = await listenApp(app, 0, { beforeClose: () => live.close() });
  bServer = listening.server;
  bUrl = `http://127.0.0.1:${listening.port}`;
});
afterAll(async () => {
  await Promise.all(readers.map((r) => r.close()));
  if (bServer) await closeServer(bServer);
  await bWorkers?.close();
  await b?.close();
  await a.stop();
});

async function connect(baseUrl: string, token: string): Promise<EventStreamReader> {
  const reader = new EventStreamReader();
  readers.push(reader);
  await reader.open(`${baseUrl}/api/v1/events`, { authorization: `Bearer ${token}` });
  await reader.next((e) => e.event === 'unread', 'the first unread count');
  return reader;
}

describe('live updates across processes', () => {
  test('when a worker in another process answers a status check, then the clients on both gateways get the message', async () => {
    const citizen = await a.citizen();
    const onA = await connect(a.baseUrl, citizen.token);
    const onB = await connect(bUrl, citizen.token);
    const check = await checkStatus(a, citizen.token, 'LV.6840.2.2026');
    const [fromA, fromB] = await Promise.all([onA, onB].map((r) => r.next((e) => e.event === 'message', 'the answer')));
    expect(fromA.data.requestId).toBe(check.id);
    expect(fromB.id).toBe(fromA.id);
  });
});
