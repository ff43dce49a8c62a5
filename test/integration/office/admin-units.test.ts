import { createAdmin, uniqueUnitSymbol, type Staff } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
let admin: Staff;

beforeAll(async () => {
  await service.start();
  admin = await createAdmin(service);
});
afterAll(() => service.stop());

const createUnit = (body: unknown, token = admin.token) => service.api('POST', '/api/v1/admin/units', { token, body });

describe('organisational units', () => {
  test('when an admin adds a unit, then 201 returns it and GET lists it', async () => {
    const symbol = uniqueUnitSymbol();
    const res = await createUnit({ symbol: ` ${symbol.toLowerCase()} `, name: 'Urząd Stanu Cywilnego', phone: '+48 67 250 00 10', email: 'usc@urzad.example' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), symbol, name: 'Urząd Stanu Cywilnego', phone: '+48 67 250 00 10', email: 'usc@urzad.example' });

    const list = await service.api('GET', '/api/v1/admin/units', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(res.body);
  });

  test('when phone and e-mail are left out, then they are null', async () => {
    const res = await createUnit({ symbol: uniqueUnitSymbol(), name: 'Wydział Organizacyjny' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phone: null, email: null });
  });

  test('when the symbol is taken, then 409 unit_exists', async () => {
    const symbol = uniqueUnitSymbol();
    expect((await createUnit({ symbol, name: 'Pierwsza' })).status).toBe(201);
    const again = await createUnit({ symbol, name: 'Druga' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('unit_exists');
  });

  test.each([['TOOLONG'], ['G1'], ['GN-'], ['GN-ABCDEF'], [''], ['G.N']])('when the symbol is %p, then 400 validation_failed on symbol', async (symbol) => {
    const res = await createUnit({ symbol, name: 'Wydział' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: any) => e.field)).toContain('symbol');
  });

  test('when the body has an unknown field or a bad e-mail, then 400', async () => {
    expect((await createUnit({ symbol: uniqueUnitSymbol(), name: 'W', extra: 1 })).status).toBe(400);
    expect((await createUnit({ symbol: uniqueUnitSymbol(), name: 'W', email: 'nie-email' })).status).toBe(400);
  });
});
