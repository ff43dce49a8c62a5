import type * as TestServiceModule from '../../support/test-service';

// This file sends far more failed logins from one address than the per-address limit allows: it
// tests the per-login limit, so that one is set out of the way (login-address-limit.test.ts tests it).
process.env.RATE_LIMIT_LOGIN_ADDRESS = '10000';
const { newCitizenData, TestService } = require('../../support/test-service') as typeof TestServiceModule;

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const login = (login: string, password: string) => service.api('POST', '/api/v1/auth/login', { body: { login, password } });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('login failure limit: a short growing delay, not a lock-out', () => {
  test('when one login failed 10 times, then the 11th try still goes ahead, the one after it waits (429 with Retry-After), and the owner gets in after the wait', async () => {
    const citizen = await service.citizen();
    for (let i = 0; i < 10; i++) expect((await login(citizen.login, `zle-haslo-numer-${i}`)).status).toBe(401);
    expect((await login(citizen.login, 'zle-haslo-numer-10')).status).toBe(401);
    // One more failure counted (as if it had waited its 1 s): the 13th try holds the next 4 s,
    // long enough to see even on a slow machine.
    await service.ctx.rateLimits.loginFailures.set(citizen.login, 12, 15 * 60);
    await service.ctx.rateLimits.loginDelay.delete(citizen.login);
    expect((await login(citizen.login, 'zle-haslo-numer-13')).status).toBe(401);
    const waiting = await login(citizen.login, citizen.password);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(waiting.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    const retryAfter = Number(waiting.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(4);
    await pause(retryAfter * 1000 + 200);
    expect((await login(citizen.login, citizen.password)).status).toBe(200);
  });

  test('when a further try failed, then the next wait is twice as long', async () => {
    const citizen = await service.citizen();
    // The 14th try: after the 13th's 4 s, 8 s.
    await service.ctx.rateLimits.loginFailures.set(citizen.login, 13, 15 * 60);
    expect((await login(citizen.login, 'zle-haslo-numer-14')).status).toBe(401);
    const res = await login(citizen.login, citizen.password);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(4);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(8);
  });

  test('when many tries failed, then the wait is at most 60 s', async () => {
    const citizen = await service.citizen();
    await service.ctx.rateLimits.loginFailures.set(citizen.login, 40, 15 * 60);
    expect((await login(citizen.login, 'zle-haslo-numer-x')).status).toBe(401);
    const res = await login(citizen.login, citizen.password);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(30);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  test('when 30 wrong passwords for one login arrive at once, then 11 are checked (10 free, one past the delay) and the rest get 429', async () => {
    const citizen = await service.citizen();
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(citizen.login, `zle-haslo-numer-${i}`)));
    const seconds = Math.ceil((Date.now() - started) / 1000);
    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401).length;
    // On a slow machine the 30 arrive over more than the first delay's second: one more may go per
    // delay that ran out meanwhile (1 s, then 2 s, …), never more.
    expect(checked).toBeGreaterThanOrEqual(11);
    expect(checked).toBeLessThanOrEqual(11 + Math.floor(Math.log2(seconds + 1)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
  });

  test('when a pending account logs in with the right password, then that attempt is not counted as a failure', async () => {
    const data = newCitizenData();
    expect((await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } })).status).toBe(202);
    for (let i = 0; i < 12; i++) expect((await login(data.login, data.password)).status).toBe(403);
  });

  test('when the failures came in another letter case of the login, then they count all the same', async () => {
    const citizen = await service.citizen();
    for (let i = 0; i < 11; i++) await login(i % 2 ? citizen.login.toUpperCase() : citizen.login, `zle-haslo-numer-${i}`);
    expect((await login(citizen.login, citizen.password)).status).toBe(429);
  });

  test('when another login has to wait, then this one still logs in', async () => {
    const blocked = await service.citizen();
    const other = await service.citizen();
    for (let i = 0; i < 11; i++) await login(blocked.login, `zle-haslo-numer-${i}`);
    expect((await login(blocked.login, blocked.password)).status).toBe(429);
    expect((await login(other.login, other.password)).status).toBe(200);
  });

  test('when an unknown login fails 11 times, then it is limited like a real one', async () => {
    for (let i = 0; i < 11; i++) expect((await login('nikt.nie.istnieje', `zle-haslo-numer-${i}`)).status).toBe(401);
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
