import { randomBytes } from 'node:crypto';
import { createStaffAccount } from '../../../services/accounts/staff-accounts';
import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

describe('queue dashboard', () => {
  test('when /admin/queues is asked without a token, then 401 unauthorized', async () => {
    const res = await service.api('GET', '/admin/queues');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('unauthorized');
  });

  test('when a citizen asks for /admin/queues, then 403 forbidden', async () => {
    const token = service.ctx.tokens.issue('00000000-0000-4000-8000-000000000001', 'citizen').accessToken;
    const res = await service.api('GET', '/admin/queues', { token });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await service.api('GET', '/admin/queues/api/queues', { token })).status).toBe(403);
  });

  test('when an admin asks for /admin/queues, then the dashboard answers', async () => {
    const login = `admin.${randomBytes(4).toString('hex')}`;
    const password = `Bezpieczne-Haslo-${randomBytes(4).toString('hex')}`;
    await createStaffAccount(service.ctx.dataSource.manager, { login, password, firstName: 'Ada', lastName: 'Admin', role: 'admin' });
    const token = await service.login(login, password);
    const res = await service.api('GET', '/admin/queues/api/queues', { token });
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['mail']));
  });

  test('when a browser without a session opens /admin/queues, then it is sent to the login page and back', async () => {
    const res = await fetch(`${service.baseUrl}/admin/queues`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/logowanie?next=${encodeURIComponent('/admin/queues')}`);
  });

  test('when a logged-in registrar opens /admin/queues in a browser, then a Polish 403 page says it is for administrators', async () => {
    const login = `kancelaria.${randomBytes(4).toString('hex')}`;
    const password = `Bezpieczne-Haslo-${randomBytes(4).toString('hex')}`;
    await createStaffAccount(service.ctx.dataSource.manager, { login, password, firstName: 'Renata', lastName: 'Kancelaryjna', role: 'registrar' });
    const token = await service.login(login, password);
    const res = await fetch(`${service.baseUrl}/admin/queues`, { headers: { accept: 'text/html', cookie: `sesja=${token}` }, redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('tylko dla administratorów');
  });

  test('when an admin\'s session cookie comes with a dashboard action from another site, then it is refused (403)', async () => {
    const login = `admin.${randomBytes(4).toString('hex')}`;
    const password = `Bezpieczne-Haslo-${randomBytes(4).toString('hex')}`;
    await createStaffAccount(service.ctx.dataSource.manager, { login, password, firstName: 'Ada', lastName: 'Admin', role: 'admin' });
    const token = await service.login(login, password);
    const action = (origin: string) =>
      fetch(`${service.baseUrl}/admin/queues/api/queues/mail/retry/failed`, { method: 'PUT', headers: { cookie: `sesja=${token}`, origin } });
    expect((await action('https://zla-strona.example')).status).toBe(403);
    // Only PUBLIC_URL counts for the dashboard, not whatever Host the request names (issue 14).
    expect((await action(service.baseUrl)).status).toBe(403);
    expect((await action(service.ctx.config.publicUrl)).status).not.toBe(403);
  });
});
