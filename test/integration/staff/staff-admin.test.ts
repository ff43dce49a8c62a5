import { randomBytes } from 'node:crypto';
import { createAdmin, serviceWithOffice, type Staff } from '../../support/office';
import { newCitizenData, TestService } from '../../support/test-service';
import { warsawDate } from '../../../services/shared/office-time';

const service = new TestService();
const office = serviceWithOffice(service);

const password = 'Mocne-Haslo-Pracownika-2026';
const patch = (id: string, body: unknown, token = office.admin.token) => service.api('PATCH', `/api/v1/admin/staff/${id}`, { token, body });
const list = (token = office.admin.token) => service.api('GET', '/api/v1/admin/staff', { token });
const loginStatus = async (login: string, pass: string) => service.api('POST', '/api/v1/auth/login', { body: { login, password: pass } });

/** A new staff account of `role`, logged in. */
async function newStaff(role: 'registrar' | 'official' | 'admin'): Promise<Staff> {
  const login = `${role}.${randomBytes(4).toString('hex')}`;
  const res = await service.api('POST', '/api/v1/admin/staff', {
    token: office.admin.token,
    body: { login, password, firstName: 'Ewa', lastName: 'Nowak', role, ...(role === 'official' ? { unitSymbol: office.unitSymbol } : {}) },
  });
  if (res.status !== 201) throw new Error(`staff: ${res.status} ${JSON.stringify(res.body)}`);
  return { login, password, id: res.body.id, token: await service.login(login, password) };
}

describe('GET /api/v1/admin/staff', () => {
  test('when an admin asks, then every staff account is listed with its unit, address, status and second factor, and no citizen', async () => {
    const citizen = await service.citizen();
    const res = await list();
    expect(res.status).toBe(200);
    const official = res.body.items.find((s: any) => s.id === office.official.id);
    expect(official).toEqual({
      id: office.official.id,
      login: office.official.login,
      role: 'official',
      firstName: 'Olga',
      lastName: 'Referent',
      unitSymbol: office.unitSymbol,
      email: null,
      status: 'active',
      mfa: false,
    });
    expect(res.body.items.map((s: any) => s.id)).not.toContain(citizen.id);
    expect(res.body.items.map((s: any) => s.role)).not.toContain('citizen');
  });

  test('when a registrar or an official asks, then 403; without a token 401', async () => {
    expect((await list(office.registrar.token)).status).toBe(403);
    expect((await list(office.official.token)).status).toBe(403);
    expect((await service.api('GET', '/api/v1/admin/staff')).status).toBe(401);
  });
});

describe('PATCH /api/v1/admin/staff/:id', () => {
  test('when an account is disabled, then its old token is refused at once (401) and its login answers 403 account_disabled; enabled again, it logs in', async () => {
    const registrar = await newStaff('registrar');
    expect((await service.api('GET', '/api/v1/office/submissions', { token: registrar.token })).status).toBe(200);
    const res = await patch(registrar.id, { status: 'disabled' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: registrar.id, status: 'disabled' });
    const old = await service.api('GET', '/api/v1/office/submissions', { token: registrar.token });
    expect(old.status).toBe(401);
    expect((await service.api('GET', '/api/v1/me', { token: registrar.token })).status).toBe(401);
    const login = await loginStatus(registrar.login, password);
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('account_disabled');
    // A wrong password still says only that the credentials are wrong.
    expect((await loginStatus(registrar.login, 'Zupelnie-Zle-Haslo-1')).body.code).toBe('invalid_credentials');
    expect((await patch(registrar.id, { status: 'active' })).body.status).toBe('active');
    expect((await loginStatus(registrar.login, password)).status).toBe(200);
  });

  test('when an account still waits for activation, then its login keeps answering 403 account_not_active', async () => {
    const data = newCitizenData();
    expect((await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } })).status).toBe(202);
    const res = await loginStatus(data.login, data.password);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('account_not_active');
  });

  test('when an admin is demoted, then the old token no longer opens the admin calls nor the queue dashboard, and the new login has the new role', async () => {
    const second = await newStaff('admin');
    expect((await list(second.token)).status).toBe(200);
    const res = await patch(second.id, { role: 'registrar' });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('registrar');
    expect((await list(second.token)).status).toBe(401);
    const create = await service.api('POST', '/api/v1/admin/staff', { token: second.token, body: { login: 'x.evil', password, firstName: 'A', lastName: 'B', role: 'admin' } });
    expect(create.status).toBe(401);
    // The demoted admin's web session cookie: the dashboard refuses it.
    const dashboard = await fetch(`${service.baseUrl}/admin/queues/api/queues`, { headers: { cookie: `sesja=${second.token}`, accept: 'application/json' }, redirect: 'manual' });
    expect(dashboard.status).toBe(401);
    const fresh = await service.login(second.login, password);
    expect((await list(fresh)).status).toBe(403);
    const freshDashboard = await fetch(`${service.baseUrl}/admin/queues/api/queues`, { headers: { cookie: `sesja=${fresh}`, accept: 'application/json' }, redirect: 'manual' });
    expect(freshDashboard.status).toBe(403);
  });

  test('when a role changes to official, then a unit is required; with one, the official works in it', async () => {
    const registrar = await newStaff('registrar');
    const without = await patch(registrar.id, { role: 'official' });
    expect(without.status).toBe(400);
    expect(without.body.errors.map((e: any) => e.field)).toEqual(['unitSymbol']);
    const unknownUnit = await patch(registrar.id, { role: 'official', unitSymbol: 'NIMA' });
    expect(unknownUnit.status).toBe(404);
    const res = await patch(registrar.id, { role: 'official', unitSymbol: office.unitSymbol.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'official', unitSymbol: office.unitSymbol });
    expect((await service.api('GET', '/api/v1/me', { token: registrar.token })).status).toBe(401);
    const token = await service.login(registrar.login, password);
    expect((await service.api('GET', '/api/v1/me', { token })).body.role).toBe('official');
    expect((await patch(registrar.id, { unitSymbol: null })).status).toBe(400);
  });

  test('when only the unit or the address changes, then the account keeps its sessions', async () => {
    const official = await newStaff('official');
    const res = await patch(official.id, { email: ' Ewa.Nowak@Urzad.example ' });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('Ewa.Nowak@Urzad.example');
    expect((await service.api('GET', '/api/v1/me', { token: official.token })).status).toBe(200);
    expect((await patch(official.id, { email: null })).body.email).toBeNull();
  });

  test('when the address belongs to another account, then 409 email_taken; a malformed one 400', async () => {
    const first = await newStaff('registrar');
    const second = await newStaff('registrar');
    expect((await patch(first.id, { email: 'wspolny@urzad.example' })).status).toBe(200);
    const taken = await patch(second.id, { email: 'WSPOLNY@urzad.example' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('email_taken');
    expect((await patch(second.id, { email: 'to nie adres' })).status).toBe(400);
  });

  test('when the body is bad, then 400 on its field; an unknown or citizen id 404; a non-admin 403', async () => {
    const registrar = await newStaff('registrar');
    for (const body of [{ status: 'pending_activation' }, { role: 'citizen' }, { login: 'inny' }, { status: 'disabled', extra: 1 }]) {
      const res = await patch(registrar.id, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await patch('00000000-0000-4000-8000-000000000000', { status: 'disabled' })).status).toBe(404);
    const citizen = await service.citizen();
    expect((await patch(citizen.id, { status: 'disabled' })).status).toBe(404);
    expect((await patch('nie-uuid', { status: 'disabled' })).status).toBe(400);
    expect((await patch(registrar.id, { status: 'disabled' }, office.registrar.token)).status).toBe(403);
  });

  test('when a change is made, then the audit log names who changed what', async () => {
    const registrar = await newStaff('registrar');
    await patch(registrar.id, { status: 'disabled' });
    const log = await service.api('GET', `/api/v1/admin/audit?action=staff.updated&actor=${office.admin.login}&limit=1`, { token: office.admin.token });
    expect(log.body.items[0]).toMatchObject({ actor: office.admin.login, subject: registrar.login, details: { status: { from: 'active', to: 'disabled' } } });
  });
});

describe('PATCH /api/v1/admin/units/:symbol', () => {
  test('when an admin changes a unit, then 200 the unit as changed, in any letter case of its symbol, and audited', async () => {
    const res = await service.api('PATCH', `/api/v1/admin/units/${office.unitSymbol.toLowerCase()}`, { token: office.admin.token, body: { name: 'Wydział Geodezji', phone: null } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.any(String), symbol: office.unitSymbol, name: 'Wydział Geodezji', phone: null, email: 'gn@urzad.example' });
    const units = await service.api('GET', '/api/v1/admin/units', { token: office.admin.token });
    expect(units.body.items.find((u: any) => u.symbol === office.unitSymbol).name).toBe('Wydział Geodezji');
    const log = await service.api('GET', '/api/v1/admin/audit?action=unit.updated&limit=1', { token: office.admin.token });
    expect(log.body.items[0]).toMatchObject({ subject: office.unitSymbol, details: { name: 'Wydział Geodezji', phone: null } });
  });

  test('when the unit is unknown, then 404; a bad field 400; a non-admin 403', async () => {
    expect((await service.api('PATCH', '/api/v1/admin/units/NIMA', { token: office.admin.token, body: { name: 'X' } })).status).toBe(404);
    const bad = await service.api('PATCH', `/api/v1/admin/units/${office.unitSymbol}`, { token: office.admin.token, body: { email: 'zly', name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['email', 'name']);
    expect((await service.api('PATCH', `/api/v1/admin/units/${office.unitSymbol}`, { token: office.admin.token, body: { symbol: 'NOWY' } })).status).toBe(400);
    expect((await service.api('PATCH', `/api/v1/admin/units/${office.unitSymbol}`, { token: office.official.token, body: { name: 'X' } })).status).toBe(403);
  });
});

describe('GET /api/v1/admin/audit by days', () => {
  test('when from and to are given, then only entries of those days (office time zone) come; a day that does not exist or to before from is 400', async () => {
    const today = warsawDate(new Date().toISOString());
    const all = await service.api('GET', `/api/v1/admin/audit?from=${today}&to=${today}&limit=100`, { token: office.admin.token });
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    expect((await service.api('GET', '/api/v1/admin/audit?from=2020-01-01&to=2020-01-02', { token: office.admin.token })).body.total).toBe(0);
    for (const query of ['from=2026-02-31', 'to=wczoraj', 'from=2026-05-02&to=2026-05-01']) {
      const res = await service.api('GET', `/api/v1/admin/audit?${query}`, { token: office.admin.token });
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'validation_failed']);
    }
  });
});

// Last: the race may leave office.admin demoted.
describe('the last active admin', () => {
  test('when the last active admin would be disabled or demoted, then 409 last_admin; two admins removing each other at once leave one', async () => {
    // Only office.admin stays an active admin.
    for (const s of (await list()).body.items) {
      if (s.role === 'admin' && s.status === 'active' && s.id !== office.admin.id) expect((await patch(s.id, { status: 'disabled' })).status).toBe(200);
    }
    for (const body of [{ status: 'disabled' }, { role: 'official', unitSymbol: office.unitSymbol }, { role: 'registrar' }]) {
      const res = await patch(office.admin.id, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('last_admin');
    }
    expect((await patch(office.admin.id, { role: 'admin', status: 'active' })).status).toBe(200);

    const other: Staff = await createAdmin(service);
    const token = await service.login(office.admin.login, office.admin.password);
    const answers = await Promise.all([patch(other.id, { status: 'disabled' }, token), patch(office.admin.id, { role: 'registrar' }, token)]);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(1);
    const admins = (await service.ctx.dataSource.query(`SELECT id FROM users WHERE role = 'admin' AND status = 'active'`)) as unknown[];
    expect(admins).toHaveLength(1);
  });
});
