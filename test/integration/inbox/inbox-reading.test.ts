import { randomUUID } from 'node:crypto';
import { TestService, type Citizen } from '../../support/test-service';
import { deliver } from './inbox-support';

const service = new TestService();
let reader: Citizen;
beforeAll(async () => {
  await service.start();
  reader = await service.citizen();
});
afterAll(() => service.stop());

const inbox = (citizen: Citizen, query = '') => service.api('GET', `/api/v1/inbox${query}`, { token: citizen.token });

/** A citizen with `count` messages, delivered one after another (subjects "m1" … "mN"). */
async function citizenWithMessages(count: number): Promise<{ citizen: Citizen; ids: string[] }> {
  const citizen = await service.citizen();
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push((await deliver(service, citizen.id, { subject: `m${i}` }))!);
  return { citizen, ids };
}

describe('reading the contact inbox', () => {
  test('when a citizen lists the inbox, then messages come newest first with total and unread counts', async () => {
    const { citizen } = await citizenWithMessages(3);
    const res = await inbox(citizen);
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: any) => m.subject)).toEqual(['m3', 'm2', 'm1']);
    expect(res.body).toMatchObject({ total: 3, unread: 3 });
    expect(res.body.items[0]).toStrictEqual({
      id: expect.any(String),
      kind: 'case_status',
      subject: 'm3',
      bodyText: 'Treść: m3',
      bodyHtml: '<p>Treść: m3</p>',
      data: { requestId: expect.any(String), caseNumber: 'GN.6840.12.2026', found: false },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      readAt: null,
    });
  });

  test('when limit and offset are given, then that page comes and total counts every message', async () => {
    const { citizen } = await citizenWithMessages(5);
    const res = await inbox(citizen, '?limit=2&offset=1');
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: any) => m.subject)).toEqual(['m4', 'm3']);
    expect(res.body).toMatchObject({ total: 5, unread: 5 });
    const last = await inbox(citizen, '?limit=2&offset=4');
    expect(last.body.items.map((m: any) => m.subject)).toEqual(['m1']);
  });

  test('when a message is marked read, then 204, readAt is set and the unread filter and count follow', async () => {
    const { citizen, ids } = await citizenWithMessages(3);
    const read = await service.api('POST', `/api/v1/inbox/${ids[1]}/read`, { token: citizen.token });
    expect(read.status).toBe(204);

    const message = await service.api('GET', `/api/v1/inbox/${ids[1]}`, { token: citizen.token });
    expect(message.status).toBe(200);
    expect(message.body.readAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    const unread = await inbox(citizen, '?unread=true');
    expect(unread.body.items.map((m: any) => m.subject)).toEqual(['m3', 'm1']);
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    const readOnly = await inbox(citizen, '?unread=false');
    expect(readOnly.body.items.map((m: any) => m.id)).toEqual([ids[1]]);
    expect(readOnly.body).toMatchObject({ total: 1, unread: 2 });
  });

  test('when a message is marked read twice, then the first reading time is kept', async () => {
    const { citizen, ids } = await citizenWithMessages(1);
    await service.api('POST', `/api/v1/inbox/${ids[0]}/read`, { token: citizen.token });
    const first = (await service.api('GET', `/api/v1/inbox/${ids[0]}`, { token: citizen.token })).body.readAt;
    expect((await service.api('POST', `/api/v1/inbox/${ids[0]}/read`, { token: citizen.token })).status).toBe(204);
    expect((await service.api('GET', `/api/v1/inbox/${ids[0]}`, { token: citizen.token })).body.readAt).toBe(first);
  });

  test("when a citizen asks for another citizen's message, then 404 not_found exactly as for an unknown id", async () => {
    const { ids } = await citizenWithMessages(1);
    const stranger = await service.citizen();
    const foreign = await service.api('GET', `/api/v1/inbox/${ids[0]}`, { token: stranger.token });
    const unknown = await service.api('GET', `/api/v1/inbox/${randomUUID()}`, { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(foreign.body).toMatchObject({ status: 404, code: 'not_found' });
    expect(foreign.body).toEqual(unknown.body);
    expect((await inbox(stranger)).body).toEqual({ items: [], total: 0, unread: 0 });
  });

  test("when a citizen marks another citizen's message read, then 404 not_found and it stays unread", async () => {
    const { citizen, ids } = await citizenWithMessages(1);
    const stranger = await service.citizen();
    const foreign = await service.api('POST', `/api/v1/inbox/${ids[0]}/read`, { token: stranger.token });
    const unknown = await service.api('POST', `/api/v1/inbox/${randomUUID()}/read`, { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(unknown.body);
    expect((await inbox(citizen)).body.unread).toBe(1);
  });

  test.each(['?limit=0', '?limit=abc', '?limit=101', '?offset=-1', '?unread=maybe', '?sort=asc'])('when the query is %s, then 400 validation_failed', async (query) => {
    const res = await inbox(reader, query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: expect.any(String) })] });
  });

  test('when the inbox is read without a token or with a staff token, then 401 or 403', async () => {
    expect((await service.api('GET', '/api/v1/inbox')).status).toBe(401);
    const staff = service.ctx.tokens.issue(randomUUID(), 'registrar');
    const res = await service.api('GET', '/api/v1/inbox', { token: staff.accessToken });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});
