// A short keep-alive interval, set before any module reads the configuration.
process.env.LIVE_HEARTBEAT_MS = '200';

import type * as InboxSupportModule from '../inbox/inbox-support';
import type * as CitizenCasesModule from '../../support/citizen-cases';
import type * as DeliveryModule from '../../../services/inbox/message-delivery.service';
import type * as MetricsModule from '../../../services/shared/metrics';
import type * as TestServiceModule from '../../support/test-service';
import type * as WaitModule from '../../support/wait';
import { EventStreamReader } from '../../support/event-stream-reader';

const { TestService } = require('../../support/test-service') as typeof TestServiceModule;
const { deliver } = require('../inbox/inbox-support') as typeof InboxSupportModule;
const { checkStatus } = require('../../support/citizen-cases') as typeof CitizenCasesModule;
const { deliverMessage } = require('../../../services/inbox/message-delivery.service') as typeof DeliveryModule;
const { registry } = require('../../../services/shared/metrics') as typeof MetricsModule;
const { waitUntil } = require('../../support/wait') as typeof WaitModule;

const service = new TestService();
const readers: EventStreamReader[] = [];
beforeAll(() => service.start());
afterAll(async () => {
  await Promise.all(readers.map((r) => r.close()));
  await service.stop();
});
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
});

/** Opens /api/v1/events with these headers; closed after the test. */
async function connect(headers: Record<string, string>): Promise<EventStreamReader> {
  const reader = new EventStreamReader();
  readers.push(reader);
  return reader.open(`${service.baseUrl}/api/v1/events`, headers);
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const isMessage = (id: string) => (e: { event?: string; id?: string }) => e.event === 'message' && e.id === id;

async function openStreamsGauge(): Promise<number> {
  const metric = await registry.getSingleMetric('case_status_live_streams_open')!.get();
  return metric.values[0]?.value ?? 0;
}

describe('GET /api/v1/events (live updates)', () => {
  test('when nobody is logged in, then the stream answers 401', async () => {
    const reader = await connect({});
    expect(reader.status).toBe(401);
  });

  test('when a citizen connects, then it is an uncached, unbuffered event stream that starts with the unread count', async () => {
    const citizen = await service.citizen();
    const reader = await connect(bearer(citizen.token));
    expect(reader.status).toBe(200);
    expect(reader.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(reader.headers.get('cache-control')).toBe('no-store');
    expect(reader.headers.get('x-accel-buffering')).toBe('no');
    expect((await reader.next((e) => e.event === 'unread', 'unread')).data).toEqual({ unread: 0 });
  });

  test('when the session cookie is sent instead of a token, then the stream opens too', async () => {
    const citizen = await service.citizen();
    const reader = await connect({ cookie: `sesja=${citizen.token}` });
    expect(reader.status).toBe(200);
    await reader.next((e) => e.event === 'unread', 'unread');
  });

  test('when a status check is answered, then its message and the new unread count arrive on the stream', async () => {
    const citizen = await service.citizen();
    const reader = await connect(bearer(citizen.token));
    await reader.next((e) => e.event === 'unread', 'first unread');
    const check = await checkStatus(service, citizen.token, 'LV.6840.1.2026');
    const message = await reader.next((e) => e.event === 'message', 'the answer');
    expect(message.data).toEqual({ id: message.id, kind: 'case_status', subject: expect.any(String), createdAt: expect.any(String), requestId: check.id });
    const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
    expect(inbox.body.items[0]).toMatchObject({ id: message.id, subject: message.data.subject, createdAt: message.data.createdAt });
    const index = reader.events.indexOf(message);
    expect((await reader.next((e) => e.event === 'unread', 'unread after the answer', 5000, index)).data).toEqual({ unread: 1 });
    // Ids only went through Redis; the body never reaches the stream.
    expect(JSON.stringify(reader.events)).not.toContain(inbox.body.items[0].bodyText);
  });

  test('when the interval passes, then a comment line keeps the stream open', async () => {
    const citizen = await service.citizen();
    const reader = await connect(bearer(citizen.token));
    await reader.next((e) => e.comment === 'ping', 'a keep-alive comment', 3000);
  });

  test('when a client reconnects with Last-Event-ID, then it first gets the still-unread messages after that one, oldest first', async () => {
    const citizen = await service.citizen();
    const seen = (await deliver(service, citizen.id, { subject: 'Pierwsza' }))!;
    const read = (await deliver(service, citizen.id, { subject: 'Przeczytana' }))!;
    const second = (await deliver(service, citizen.id, { subject: 'Druga' }))!;
    const third = (await deliver(service, citizen.id, { subject: 'Trzecia' }))!;
    await service.api('POST', `/api/v1/inbox/${read}/read`, { token: citizen.token });
    const reader = await connect({ ...bearer(citizen.token), 'last-event-id': seen });
    const unread = await reader.next((e) => e.event === 'unread', 'unread after the catch-up');
    const messages = reader.events.filter((e) => e.event === 'message');
    expect(messages.map((e) => e.id)).toEqual([second, third]);
    expect(messages.map((e) => e.data.subject)).toEqual(['Druga', 'Trzecia']);
    expect(unread.data).toEqual({ unread: 3 });
    // Then live ones.
    const live = (await deliver(service, citizen.id, { subject: 'Na żywo' }))!;
    await reader.next(isMessage(live), 'the live message');
  });

  test('when Last-Event-ID is not a message of the caller, then nothing is replayed', async () => {
    const [citizen, other] = await Promise.all([service.citizen(), service.citizen()]);
    const others = (await deliver(service, other.id))!;
    await deliver(service, other.id);
    const reader = await connect({ ...bearer(citizen.token), 'last-event-id': others });
    await reader.next((e) => e.event === 'unread', 'unread');
    const garbage = await connect({ ...bearer(citizen.token), 'last-event-id': 'nie-uuid' });
    await garbage.next((e) => e.event === 'unread', 'unread');
    expect([...reader.events, ...garbage.events].filter((e) => e.event === 'message')).toEqual([]);
  });

  test('when a delivery is rolled back, then it is never announced', async () => {
    const citizen = await service.citizen();
    const reader = await connect(bearer(citizen.token));
    await reader.next((e) => e.event === 'unread', 'unread');
    let rolledBack: string | null = null;
    await expect(
      service.ctx.outbox.transaction(async (manager, emit) => {
        rolledBack = await deliverMessage(manager, emit, {
          userId: citizen.id,
          kind: 'case_status',
          eventKey: `test:rollback:${citizen.id}`,
          rendered: { subject: 'Wycofana', text: 'x', html: '<p>x</p>' },
          data: {},
        });
        throw new Error('the act fails after the message was written');
      }),
    ).rejects.toThrow('the act fails');
    expect(rolledBack).not.toBeNull();
    const later = (await deliver(service, citizen.id))!;
    await reader.next(isMessage(later), 'the committed message');
    expect(reader.events.some((e) => e.id === rolledBack)).toBe(false);
  });

  test('when streams open and close, then the gauge of open streams follows', async () => {
    const citizen = await service.citizen();
    const before = await openStreamsGauge();
    const a = await connect(bearer(citizen.token));
    const b = await connect(bearer(citizen.token));
    await Promise.all([a, b].map((r) => r.next((e) => e.event === 'unread', 'unread')));
    expect(await openStreamsGauge()).toBe(before + 2);
    // Both streams of the user get the same event.
    const id = (await deliver(service, citizen.id))!;
    await Promise.all([a, b].map((r) => r.next(isMessage(id), 'the message on each stream')));
    await a.close();
    await waitUntil(async () => (await openStreamsGauge()) === before + 1, 'the closed stream to be counted off', 5000);
  });
});
