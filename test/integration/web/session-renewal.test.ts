// Short-lived tokens, so that "past half its lifetime" comes within the test: the variable must
// be in the environment before any module reads the configuration (hence require below).
process.env.JWT_TTL_SECONDS = '10';

import type * as TestServiceModule from '../../support/test-service';

const { TestService, serviceWithCitizen } = require('../../support/test-service') as typeof TestServiceModule;
const { sleep } = require('../../support/wait') as { sleep: (ms: number) => Promise<void> };

const service = new TestService();
const citizen = serviceWithCitizen(service);

async function openInbox(token: string): Promise<{ status: number; renewed: string | null }> {
  const res = await fetch(`${service.baseUrl}/skrzynka`, { headers: { accept: 'text/html', cookie: `sesja=${token}` }, redirect: 'manual' });
  const cookie = res.headers.get('set-cookie');
  return { status: res.status, renewed: cookie ? (/sesja=([^;]*)/.exec(cookie)?.[1] ?? null) : null };
}

describe('a web session in use', () => {
  test('when a page is opened early in the session, then the cookie stays as it is', async () => {
    const token = await service.login(citizen.login, citizen.password);
    expect(await openInbox(token)).toEqual({ status: 200, renewed: null });
  });

  test('when a page is opened past half the session, then a fresh token with a later expiry comes in the cookie, and logging out ends it', async () => {
    const token = await service.login(citizen.login, citizen.password);
    await sleep(5_200);
    const { status, renewed } = await openInbox(token);
    expect(status).toBe(200);
    expect(renewed).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const [before, after] = [await service.ctx.tokens.verify(token), await service.ctx.tokens.verify(renewed!)];
    expect(after!.expiresAt).toBeGreaterThan(before!.expiresAt);
    expect(after!.tokenId).not.toBe(before!.tokenId);

    const out = await fetch(`${service.baseUrl}/wyloguj`, { method: 'POST', headers: { origin: service.baseUrl, cookie: `sesja=${renewed}` }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(await service.ctx.tokens.verify(renewed!)).toBeNull();
    expect((await openInbox(renewed!)).status).toBe(303); // to /logowanie
  });
});
