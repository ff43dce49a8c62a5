import { changeCase, openPaperCase } from '../../support/cases';
import { createOffice, type Office } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
let office: Office;
const auditLog = (query = '') => service.api('GET', `/api/v1/admin/audit?${query}`, { token: office.admin.token });

beforeAll(async () => {
  await service.start({ workers: false });
  office = await createOffice(service);
});
afterAll(() => service.stop());

describe('the audit log', () => {
  test('when an official changes a case, then one case.changed row names the fields, the status change and the new date', async () => {
    const number = await openPaperCase(service, office);
    const before = await changeCase(service, office.official.token, number, { status: 'in_progress' });
    const res = await changeCase(service, office.official.token, number, {
      status: 'suspended',
      responsibleLogin: office.official.login,
      note: 'Zawieszono do czasu rozstrzygnięcia sprawy spadkowej',
      dueAt: '2099-05-04T10:00:00.000Z',
      reason: 'Zagadnienie wstępne (art. 97 KPA)',
    });
    expect(res.status).toBe(200);

    const log = await auditLog(`actor=${office.official.login}&action=case.changed`);
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(2);
    expect(log.body.items[0]).toEqual({
      at: expect.any(String),
      actor: office.official.login,
      action: 'case.changed',
      subject: number,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      details: {
        fields: ['status', 'responsibleLogin', 'dueAt', 'note'],
        status: { from: 'in_progress', to: 'suspended' },
        responsible: { from: null, to: office.official.login },
        dueAt: { from: before.body.dueAt, to: '2099-05-04T10:00:00.000Z' },
        reason: 'Zagadnienie wstępne (art. 97 KPA)',
      },
    });
    expect(log.body.items[1].details).toEqual({ fields: ['status'], status: { from: 'registered', to: 'in_progress' } });
  });

  test('when a paused case resumes, then the audit shows the deadline the pause moved', async () => {
    const number = await openPaperCase(service, office);
    await changeCase(service, office.admin.token, number, { status: 'suspended' });
    await service.ctx.dataSource.query(`UPDATE cases SET paused_since = paused_since - interval '2 days' WHERE number = $1`, [number]);
    const resumed = await changeCase(service, office.admin.token, number, { status: 'in_progress' });
    const log = await auditLog(`actor=${office.admin.login}&action=case.changed&limit=1`);
    expect(log.body.items[0].subject).toBe(number);
    expect(log.body.items[0].details.dueAt.to).toBe(resumed.body.dueAt);
  });

  test('when a change is refused or changes nothing, then no case.changed row is written', async () => {
    const number = await openPaperCase(service, office);
    await changeCase(service, office.registrar.token, number, { status: 'in_progress' });
    await changeCase(service, office.official.token, number, { status: 'registered' });
    const log = await service.ctx.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'case.changed' AND subject = $1`, [number]);
    expect(log).toHaveLength(0);
  });

  test('when filtered and paged, then the log comes newest first with the total of the filter', async () => {
    await service.api('POST', '/api/v1/auth/login', { body: { login: office.registrar.login, password: 'Zle-Haslo-123456' } });
    const failed = await auditLog(`actor=${office.registrar.login.toUpperCase()}&action=login.failed`);
    expect(failed.body.total).toBe(1);
    expect(failed.body.items[0]).toMatchObject({ actor: office.registrar.login, action: 'login.failed', details: {} });

    const all = await auditLog('limit=100');
    const times = all.body.items.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const actions = new Set(all.body.items.map((e: any) => e.action));
    for (const action of ['unit.created', 'staff.created', 'login.succeeded', 'login.failed', 'case.opened', 'case.changed']) expect(actions).toContain(action);

    const page = await auditLog('limit=2&offset=1');
    expect(page.body.items).toEqual(all.body.items.slice(1, 3));
    expect(page.body.total).toBe(all.body.total);
    expect((await auditLog('offset=100000')).body).toEqual({ items: [], total: all.body.total });
  });

  test('when anyone but an admin asks for the log, then 403; a bad query is 400', async () => {
    for (const staff of [office.registrar, office.official]) {
      expect((await service.api('GET', '/api/v1/admin/audit', { token: staff.token })).status).toBe(403);
    }
    expect((await service.api('GET', '/api/v1/admin/audit')).status).toBe(401);
    expect((await auditLog('limit=500')).status).toBe(400);
    expect((await auditLog('secret=1')).status).toBe(400);
  });

  test('when a login is refused by the failure limit, then that attempt is in the log too', async () => {
    const login = `zgadywany.${Date.now()}`;
    // 10 failures go as they come and the 11th too; the next must wait (a growing delay, login-throttle.ts).
    for (let i = 0; i < 11; i++) {
      expect((await service.api('POST', '/api/v1/auth/login', { body: { login, password: 'Zle-Haslo-123456' } })).status).toBe(401);
    }
    expect((await service.api('POST', '/api/v1/auth/login', { body: { login, password: 'Zle-Haslo-123456' } })).status).toBe(429);
    const rows: Array<{ action: string }> = await service.ctx.dataSource.query(`SELECT action FROM audit_entries WHERE actor = $1`, [login]);
    expect(rows.filter((r) => r.action === 'login.failed')).toHaveLength(11);
    expect(rows.filter((r) => r.action === 'login.throttled')).toHaveLength(1);
  });

  test('when a staff member logs out, then the log shows who and from where', async () => {
    const token = await service.login(office.registrar.login, office.registrar.password);
    expect((await service.api('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const res = await auditLog(`actor=${encodeURIComponent(office.registrar.login)}&action=logout`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ actor: office.registrar.login, action: 'logout', ip: expect.any(String) })]);
  });

  test('when keys were issued and people logged in, then no audit row holds a password, token or access key', async () => {
    const paper = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Klucz', applicant: { firstName: 'Ewa', lastName: 'Lis' }, issueAccessKey: true },
    });
    const reissued = await service.api('POST', `/api/v1/office/cases/${paper.body.number}/access-key`, { token: office.registrar.token });
    expect(reissued.status).toBe(201);
    await changeCase(service, office.official.token, paper.body.number, { status: 'resolved', note: 'Wydano decyzję' });

    const rows: Array<{ actor: string; subject: string | null; details: unknown }> = await service.ctx.dataSource.query(`SELECT actor, subject, details FROM audit_entries`);
    const dump = JSON.stringify(rows);
    const keySymbols = (key: string) => key.replace(/-/g, '');
    const secrets = [
      ...[office.admin, office.registrar, office.official].flatMap((s) => [s.password, s.token]),
      'Zle-Haslo-123456',
      paper.body.accessKey,
      keySymbols(paper.body.accessKey),
      reissued.body.accessKey,
      keySymbols(reissued.body.accessKey),
    ];
    for (const secret of secrets) expect(dump).not.toContain(secret);
    const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'access_key.issued'`);
    expect(n).toBe(1);
  });
});
