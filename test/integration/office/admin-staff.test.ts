import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { randomBytes } from 'node:crypto';

const service = new TestService();
let office: Office;
let citizen: Citizen;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
});
afterAll(() => service.stop());

const login = (role: string) => `${role}.${randomBytes(4).toString('hex')}`;
const password = 'Mocne-Haslo-Pracownika-2026';
const createStaff = (body: Record<string, unknown>, token = office.admin.token) => service.api('POST', '/api/v1/admin/staff', { token, body });

describe('staff accounts', () => {
  test.each([['registrar'], ['official'], ['admin']])('when an admin creates a %s, then 201 { id, login, role } and the account can log in', async (role) => {
    const name = login(role);
    const unit = role === 'official' ? { unitSymbol: office.unitSymbol } : {};
    const res = await createStaff({ login: name.toUpperCase(), password, firstName: 'Ewa', lastName: 'Nowak', role, ...unit });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), login: name, role });
    const token = await service.login(name, password);
    const me = await service.api('GET', '/api/v1/me', { token });
    expect(me.body).toMatchObject({ login: name, role, status: 'active' });
  });

  test('when an official has no unitSymbol, then 400 on unitSymbol', async () => {
    const res = await createStaff({ login: login('official'), password, firstName: 'Ewa', lastName: 'Nowak', role: 'official' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: any) => e.field)).toContain('unitSymbol');
  });

  test('when the unit does not exist, then 404 not_found', async () => {
    const res = await createStaff({ login: login('official'), password, firstName: 'Ewa', lastName: 'Nowak', role: 'official', unitSymbol: 'NIMA' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  test('when the login is taken (in any letter case, by a citizen too), then 409 login_taken', async () => {
    const name = login('registrar');
    expect((await createStaff({ login: name, password, firstName: 'A', lastName: 'B', role: 'registrar' })).status).toBe(201);
    const again = await createStaff({ login: name.toUpperCase(), password, firstName: 'C', lastName: 'D', role: 'admin' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('login_taken');
    const citizens = await createStaff({ login: citizen.login, password, firstName: 'C', lastName: 'D', role: 'registrar' });
    expect(citizens.status).toBe(409);
    expect(citizens.body.code).toBe('login_taken');
  });

  test('when the role is unknown, the login malformed or the password weak, then 400', async () => {
    expect((await createStaff({ login: login('x'), password, firstName: 'A', lastName: 'B', role: 'citizen' })).status).toBe(400);
    expect((await createStaff({ login: 'Zły login!', password, firstName: 'A', lastName: 'B', role: 'registrar' })).status).toBe(400);
    expect((await createStaff({ login: login('x'), password: 'krotkie', firstName: 'A', lastName: 'B', role: 'registrar' })).status).toBe(400);
  });

  test('when a citizen, registrar or official calls the admin endpoints, then 403 forbidden; without a token 401', async () => {
    for (const token of [citizen.token, office.registrar.token, office.official.token]) {
      const calls = await Promise.all([
        service.api('GET', '/api/v1/admin/units', { token }),
        service.api('POST', '/api/v1/admin/units', { token, body: { symbol: 'ZZ', name: 'Z' } }),
        createStaff({ login: login('x'), password, firstName: 'A', lastName: 'B', role: 'admin' }, token),
      ]);
      expect(calls.map((c) => [c.status, c.body.code])).toEqual(Array(3).fill([403, 'forbidden']));
    }
    expect((await service.api('GET', '/api/v1/admin/units')).status).toBe(401);
  });
});
