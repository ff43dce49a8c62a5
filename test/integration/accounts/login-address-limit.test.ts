import type * as TestServiceModule from '../../support/test-service';

process.env.RATE_LIMIT_LOGIN_ADDRESS = '5';
const { TestService } = require('../../support/test-service') as typeof TestServiceModule;

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const login = (login: string, password: string) => service.api('POST', '/api/v1/auth/login', { body: { login, password } });

describe('per-address login limit (RATE_LIMIT_LOGIN_ADDRESS)', () => {
  test('when one address sprays wrong passwords over many logins, then after the limit every login from it is 429, the right password too, and it is audited', async () => {
    const citizen = await service.citizen();
    // Successful logins are not failures: they do not use the allowance up.
    for (let i = 0; i < 3; i++) expect((await login(citizen.login, citizen.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(`ktos.${i}`, 'Zle-Haslo-Ze-Spreju-1')).status).toBe(401);
    const refused = await login(citizen.login, citizen.password);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_requests');
    expect(refused.body.detail).toContain('z tego adresu');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    const [row] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'login.throttled'`);
    expect(row.n).toBeGreaterThan(0);
  });
});
