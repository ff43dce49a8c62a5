import { randomBytes } from 'node:crypto';
import { createStaffAccount } from '../../../services/accounts/staff-accounts';
import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

describe('the queue dashboard and the Authorization header', () => {
  test('when a request carries a non-Bearer Authorization header beside an admin\'s session cookie, then the cookie does not count (401), from any site', async () => {
    const login = `admin.${randomBytes(4).toString('hex')}`;
    const password = `Bezpieczne-Haslo-${randomBytes(4).toString('hex')}`;
    await createStaffAccount(service.ctx.dataSource.manager, { login, password, firstName: 'Ada', lastName: 'Admin', role: 'admin' });
    const token = await service.login(login, password);
    const res = await fetch(`${service.baseUrl}/admin/queues/api/queues/mail/pause`, {
      method: 'PUT',
      headers: { cookie: `sesja=${token}`, origin: 'https://zla-strona.example', authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(res.status).toBe(401);
    expect(await service.ctx.producer.queue('mail').isPaused()).toBe(false);
    // The same admin with a bearer token is let in.
    const bearer = await fetch(`${service.baseUrl}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(200);
  });

  test('when an admin asks the dashboard to pause, clean or add, then 403; a retry passes and is in the audit log with who asked', async () => {
    const login = `admin.${randomBytes(4).toString('hex')}`;
    const password = `Bezpieczne-Haslo-${randomBytes(4).toString('hex')}`;
    await createStaffAccount(service.ctx.dataSource.manager, { login, password, firstName: 'Ada', lastName: 'Admin', role: 'admin' });
    const headers = { authorization: `Bearer ${await service.login(login, password)}` };
    const call = (method: string, path: string) => fetch(`${service.baseUrl}/admin/queues/api/queues${path}`, { method, headers });
    for (const [method, path] of [['PUT', '/pause'], ['PUT', '/mail/pause'], ['PUT', '/mail/clean/failed'], ['POST', '/mail/add'], ['PUT', '/mail/x/promote']]) {
      expect({ method, path, status: (await call(method, path)).status }).toEqual({ method, path, status: 403 });
    }
    expect(await service.ctx.producer.queue('mail').isPaused()).toBe(false);
    expect((await call('PUT', '/mail/retry/failed')).status).toBe(200);
    const [entry] = await service.ctx.dataSource.query(`SELECT actor, action, subject FROM audit_entries WHERE actor = $1 AND action LIKE 'queue.%'`, [login]);
    expect(entry).toEqual({ actor: login, action: 'queue.retry', subject: 'mail/retry/failed' });
  });
});

