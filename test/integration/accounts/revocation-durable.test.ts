import { SessionStanding } from '../../../services/auth/session-standing';
import { TokenService } from '../../../services/auth/token.service';
import { deadRedis } from '../../support/dead-redis';
import { TestService } from '../../support/test-service';

const service = new TestService();
const ids: string[] = [];
beforeAll(async () => {
  await service.start();
  for (let i = 0; i < 6; i++) ids.push((await service.citizen()).id);
});
afterAll(() => service.stop());

const dead = deadRedis();
afterAll(() => dead.disconnect());

/** The service's tokens, checked against a Redis that never answers. */
const tokensWithoutRedis = () => new TokenService(service.ctx.config.jwt, new SessionStanding(dead, service.ctx.producer.prefix, service.ctx.dataSource));
const loadedMarker = () => `${service.ctx.producer.prefix}:sessions-loaded`;

describe('token revocation holds whatever Redis does', () => {
  test('when Redis is down, then a revoked token is still refused and a live one accepted (PostgreSQL answers), not a 500', async () => {
    const live = service.ctx.tokens;
    const revoked = live.issue(ids[0], 'citizen');
    const kept = live.issue(ids[1], 'citizen');
    await live.revoke((await live.verify(revoked.accessToken))!);

    const withoutRedis = tokensWithoutRedis();
    expect(await withoutRedis.verify(revoked.accessToken)).toBeNull();
    expect(await withoutRedis.verify(kept.accessToken)).toMatchObject({ userId: ids[1] });
  });

  test('when a token is revoked while Redis is down, then it stays refused once Redis is back', async () => {
    const withoutRedis = tokensWithoutRedis();
    const token = withoutRedis.issue(ids[2], 'citizen');
    await withoutRedis.revoke((await withoutRedis.verify(token.accessToken))!);
    // Redis is back but never saw that revocation. Every process reloads them on reconnect; here
    // the reload comes from the other trigger, the missing "loaded" marker.
    await service.ctx.redis.del(loadedMarker());
    expect(await service.ctx.tokens.verify(token.accessToken)).toBeNull();
  });

  test('when Redis lost its data (restarted empty), then revocations are loaded back from PostgreSQL', async () => {
    const live = service.ctx.tokens;
    const token = live.issue(ids[3], 'citizen');
    await live.revoke((await live.verify(token.accessToken))!);
    const prefix = service.ctx.producer.prefix;
    const [, keys] = await service.ctx.redis.scan('0', 'MATCH', `${prefix}:account:*`, 'COUNT', 1000);
    await service.ctx.redis.del(...keys, loadedMarker());

    expect(await live.verify(token.accessToken)).toBeNull();
    // The first check after the loss reloads them: soon the cache has the key and its marker again.
    const deadline = Date.now() + 5000;
    while (!(await service.ctx.redis.exists(loadedMarker())) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const { sid } = JSON.parse(Buffer.from(token.accessToken.split('.')[1], 'base64url').toString());
    expect(await service.ctx.redis.exists(`${prefix}:account:{${ids[3]}}:revoked-session:${sid}`)).toBe(1);
  });

  test('when an account version is raised while Redis is down, then its old tokens stay refused once Redis is back', async () => {
    const token = service.ctx.tokens.issue(ids[5], 'citizen');
    await tokensWithoutRedis().standing.endAllSessions(ids[5]);
    expect(await tokensWithoutRedis().verify(token.accessToken)).toBeNull();
    // Redis never heard of the new version: without the marker, PostgreSQL decides and refills it.
    await service.ctx.redis.del(loadedMarker());
    expect(await service.ctx.tokens.verify(token.accessToken)).toBeNull();
    const deadline = Date.now() + 5000;
    while (!(await service.ctx.redis.exists(loadedMarker())) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await service.ctx.tokens.verify(token.accessToken)).toBeNull();
  });

  test('when an API call is made with a logged-out token while the cache was emptied, then 401', async () => {
    const citizenToken = service.ctx.tokens.issue(ids[4], 'citizen');
    await service.ctx.tokens.revoke((await service.ctx.tokens.verify(citizenToken.accessToken))!);
    await service.ctx.redis.del(loadedMarker());
    expect((await service.api('GET', '/api/v1/inbox', { token: citizenToken.accessToken })).status).toBe(401);
  });
});
