import { newCitizenData, TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const login = (login: string, password: string) => service.api('POST', '/api/v1/auth/login', { body: { login, password } });

describe('login failure limit', () => {
  test('when one login failed 10 times within 15 minutes, then the 11th attempt gets 429 with Retry-After even with the right password', async () => {
    const citizen = await service.citizen();
    for (let i = 0; i < 10; i++) expect((await login(citizen.login, `zle-haslo-numer-${i}`)).status).toBe(401);
    const res = await login(citizen.login, citizen.password);
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  test('when 30 wrong passwords for one login arrive at once, then at most 10 are checked and the rest get 429', async () => {
    const citizen = await service.citizen();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(citizen.login, `zle-haslo-numer-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    expect((await login(citizen.login, citizen.password)).status).toBe(429);
  });

  test('when a pending account logs in with the right password, then that attempt is not counted as a failure', async () => {
    const data = newCitizenData();
    expect((await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } })).status).toBe(202);
    for (let i = 0; i < 12; i++) expect((await login(data.login, data.password)).status).toBe(403);
  });

  test('when the limit is reached in another letter case of the login, then the login is blocked all the same', async () => {
    const citizen = await service.citizen();
    for (let i = 0; i < 10; i++) await login(i % 2 ? citizen.login.toUpperCase() : citizen.login, `zle-haslo-numer-${i}`);
    expect((await login(citizen.login, citizen.password)).status).toBe(429);
  });

  test('when another login is blocked, then this one still logs in', async () => {
    const blocked = await service.citizen();
    const other = await service.citizen();
    for (let i = 0; i < 10; i++) await login(blocked.login, `zle-haslo-numer-${i}`);
    expect((await login(other.login, other.password)).status).toBe(200);
  });

  test('when an unknown login fails 10 times, then it is limited like a real one', async () => {
    for (let i = 0; i < 10; i++) expect((await login('nikt.nie.istnieje', `zle-haslo-numer-${i}`)).status).toBe(401);
    expect((await login('nikt.nie.istnieje', 'zle-haslo-numer-x')).status).toBe(429);
  });

  test('when 9 failures are followed by a success, then the success resets the count', async () => {
    const citizen = await service.citizen();
    for (let i = 0; i < 9; i++) expect((await login(citizen.login, `zle-haslo-numer-${i}`)).status).toBe(401);
    expect((await login(citizen.login, citizen.password)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(citizen.login, `zle-haslo-numer-${i}`)).status).toBe(401);
    expect((await login(citizen.login, citizen.password)).status).toBe(200);
  });
});
