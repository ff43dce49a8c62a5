import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;
let office: Office;

beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
  office = await createOffice(service);
});
afterAll(() => service.stop());

describe('empty query values mean "not given"', () => {
  test.each([
    ['/api/v1/office/cases?status=', 'admin'],
    ['/api/v1/office/cases?status=&unit=&q=&limit=&offset=', 'admin'],
    ['/api/v1/office/cases?q=%20%20', 'admin'],
    ['/api/v1/office/submissions?status=', 'registrar'],
    ['/api/v1/admin/audit?actor=&action=&limit=&offset=', 'admin'],
    ['/api/v1/inbox?limit=&offset=&unread=', 'citizen'],
  ] as const)('when GET %s is called, then 200 as without those parameters', async (path, who) => {
    const token = who === 'citizen' ? citizen.token : office[who].token;
    const withEmpty = await service.api('GET', path, { token });
    const without = await service.api('GET', path.split('?')[0], { token });
    expect(withEmpty.status).toBe(200);
    expect(withEmpty.body).toEqual(without.body);
  });

  test('when the default limit applies through an empty value, then at most 20 items come back', async () => {
    const res = await service.api('GET', '/api/v1/admin/audit?limit=', { token: office.admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(20);
  });

  test('when a query value is given but wrong, then it is still 400 validation_failed naming it', async () => {
    const res = await service.api('GET', '/api/v1/office/cases?status=bogus&limit=', { token: office.admin.token });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ field: 'status', message: expect.any(String) }]);
  });
});

describe('a malformed %-escape in a path parameter', () => {
  test.each([
    ['/api/v1/inbox/%E0%A4%A', 'citizen'],
    ['/api/v1/status-checks/%E0%A4%A', 'citizen'],
    ['/api/v1/office/cases/%E0%A4%A', 'admin'],
    ['/api/v1/office/cases/GN%ZZ', 'admin'],
  ] as const)('when GET %s is called, then 400 validation_failed as problem+json, not 500', async (path, who) => {
    const token = who === 'citizen' ? citizen.token : office.admin.token;
    const res = await service.api('GET', path, { token });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'path', message: expect.any(String) }] });
    expect(res.body.detail).not.toMatch(/Failed to decode/);
  });

  test('when a POST path has one, then 400 too', async () => {
    const res = await service.api('POST', '/api/v1/inbox/%E0%A4%A/read', { token: citizen.token });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});
