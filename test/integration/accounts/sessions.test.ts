import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;
beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
});
afterAll(() => service.stop());

const me = (token: string) => service.api('GET', '/api/v1/me', { token });
const principalOf = async (token: string) => (await service.ctx.tokens.verify(token))!;

describe('sessions: a login and its renewals', () => {
  test('when a renewed session logs out, then the token it was renewed from is refused too', async () => {
    const tokens = service.ctx.tokens;
    const first = await service.login(citizen.login, citizen.password);
    const renewed = tokens.renew(await principalOf(first))!;
    expect((await principalOf(renewed.accessToken)).sessionId).toBe((await principalOf(first)).sessionId);

    await tokens.revoke(await principalOf(renewed.accessToken));
    expect((await me(first)).status).toBe(401);
    expect((await me(renewed.accessToken)).status).toBe(401);
  });

  test('when a session nears its absolute end, then its renewal lives only until that end, and past it there is none', async () => {
    const tokens = service.ctx.tokens;
    const now = Math.floor(Date.now() / 1000);
    const max = service.ctx.config.jwt.sessionMaxSeconds;
    const late = tokens.issue(citizen.id, 'citizen', { session: { id: crypto.randomUUID(), startedAt: now - max + 120 } });
    expect(late.expiresIn).toBeLessThanOrEqual(120);
    const principal = await principalOf(late.accessToken);
    expect(tokens.renew({ ...principal, sessionStartedAt: now - max - 1 })).toBeNull();
  });

  test('when every session of an account is ended, then all its tokens are refused and a new login works', async () => {
    const other = await service.citizen();
    const a = await service.login(other.login, other.password);
    const b = await service.login(other.login, other.password);
    await service.ctx.tokens.standing.endAllSessions(other.id);

    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    expect((await me(await service.login(other.login, other.password))).status).toBe(200);
    // Another account is untouched.
    expect((await me(citizen.token)).status).toBe(200);
  });
});
