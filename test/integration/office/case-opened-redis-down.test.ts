import { Redis } from 'ioredis';
import { QueueProducer } from '../../../services/queue/queue.producer';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { sleep, waitUntil } from '../../support/wait';

const service = new TestService();
let office: Office;
let citizen: Citizen;
// A queue producer whose Redis is a port where nobody listens: swapped into the service's
// outbox, it makes Redis "go down" for the gateway's publish and the relay alike, while the
// workers' own connection and the session store keep working.
let deadRedis: Redis;
let deadProducer: QueueProducer;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
  deadRedis = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 500, disconnectTimeout: 10, retryStrategy: () => 1000 });
  deadRedis.on('error', () => undefined);
  deadProducer = new QueueProducer(deadRedis, service.ctx.producer.prefix);
  for (const q of deadProducer.all()) q.on('error', () => undefined);
});
afterAll(async () => {
  // Ending the connection first lets BullMQ's wait for it (and so close()) finish.
  deadRedis?.disconnect();
  await deadProducer?.close().catch(() => undefined);
  await service.stop();
});

/** Runs `work` with the outbox publishing into the dead Redis; restores the live one after. */
async function whileRedisIsDown<T>(work: () => Promise<T>): Promise<T> {
  const outbox = service.ctx.outbox as unknown as { producer: QueueProducer };
  const live = outbox.producer;
  outbox.producer = deadProducer;
  try {
    return await work();
  } finally {
    outbox.producer = live;
  }
}

async function caseOpenedMessages(caseNumber: string): Promise<number> {
  const rows = await service.ctx.dataSource.query(`SELECT 1 FROM messages WHERE user_id = $1 AND kind = 'case_opened' AND data->>'caseNumber' = $2`, [citizen.id, caseNumber]);
  return rows.length;
}

describe('opening a case while Redis is unreachable', () => {
  test('when the queue cannot be reached at the 201, then the outbox keeps the event and the relay delivers exactly one case_opened message', async () => {
    const { sub, opened, event } = await whileRedisIsDown(async () => {
      const sub = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Wniosek', content: 'Treść', requestAccessKey: true } });
      expect(sub.status).toBe(201);
      const opened = await service.api('POST', '/api/v1/office/cases', {
        token: office.registrar.token,
        body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Awaria', submissionId: sub.body.id },
      });
      expect(opened.status).toBe(201);
      const [event] = await service.ctx.dataSource.query(
        `SELECT id, published_at FROM outbox_events WHERE job_name = 'inbox.case-opened' AND payload->>'caseId' = $1`,
        [opened.body.id],
      );
      expect(event.published_at).toBeNull();
      // The relay (every 500 ms in tests) cannot publish either while Redis is down.
      await sleep(1200);
      const [still] = await service.ctx.dataSource.query(`SELECT published_at FROM outbox_events WHERE id = $1`, [event.id]);
      expect(still.published_at).toBeNull();
      expect(await caseOpenedMessages(opened.body.number)).toBe(0);
      return { sub, opened, event };
    });

    // Redis is back: the relay publishes the event.
    await waitUntil(async () => (await caseOpenedMessages(opened.body.number)) === 1, 'the case_opened message', 10_000);
    const [after] = await service.ctx.dataSource.query(`SELECT published_at FROM outbox_events WHERE id = $1`, [event.id]);
    expect(after.published_at).toBeInstanceOf(Date);
    // The receipt went the same way (its job may finish after the notice's).
    const receipts = () => service.ctx.dataSource.query(`SELECT 1 FROM messages WHERE event_key = $1`, [`submission-received:${sub.body.id}`]);
    await waitUntil(async () => (await receipts()).length === 1, 'the receipt message', 10_000);

    // A few more relay rounds change nothing.
    await sleep(1500);
    expect(await caseOpenedMessages(opened.body.number)).toBe(1);
    expect(await receipts()).toHaveLength(1);
    const live = await service.ctx.dataSource.query(`SELECT 1 FROM access_keys WHERE case_id = $1 AND revoked_at IS NULL`, [opened.body.id]);
    expect(live).toHaveLength(1);
  });

  test('when one publish fails inside the service\'s own gateway, then the 201 still comes and the relay delivers the notice once', async () => {
    const sub = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Wniosek 2', content: 'Treść' } });
    const enqueue = service.ctx.producer.enqueue.bind(service.ctx.producer);
    let failed = 0;
    const spy = jest.spyOn(service.ctx.producer, 'enqueue').mockImplementation(async (job, id) => {
      if (job.name === 'inbox.case-opened' && failed === 0) {
        failed++;
        throw new Error('Redis down');
      }
      return enqueue(job, id);
    });
    try {
      const opened = await service.api('POST', '/api/v1/office/cases', {
        token: office.registrar.token,
        body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Awaria 2', submissionId: sub.body.id },
      });
      expect(opened.status).toBe(201);
      expect(failed).toBe(1);
      await waitUntil(async () => (await caseOpenedMessages(opened.body.number)) === 1, 'the case_opened message', 10_000);
      await sleep(1000);
      expect(await caseOpenedMessages(opened.body.number)).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
