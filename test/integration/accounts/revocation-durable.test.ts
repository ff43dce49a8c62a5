import { TokenService } from '../../../services/auth/token.service';
import { deadRedis } from '../../support/dead-redis';
import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

const dead = deadRedis();
afterAll(() => dead.disconnect());

describe('token revocation holds whatever Redis does', () => {
  test('when Redis is down, then a revoked token is still refused and a live one accepted (PostgreSQL answers), not a 500', async () => {
    const live = service.ctx.tokens;
    const revoked = live.issue('8b0f3a52-6f3e-4a8e-9d43-000000000001', 'citizen');
    const kept = live.issue('8b0f3a52-6f3e-4a8e-9d43-000000000002', 'citizen');
    await live.revoke((await live.verify(revoked.accessToken))!);

    const withoutRedis = new TokenService(dead, service.ctx.config.jwt, service.ctx.producer.prefix, service.ctx.dataSource);
    expect(await withoutRedis.verify(revoked.accessToken)).toBeNull();
    expect(await withoutRedis.verify(kept.accessToken)).toMatchObject({ userId: '8b0f3a52-6f3e-4a8e-9d43-000000000002' });
  });

  test('when a token is revoked while Redis is down, then it stays refused once Redis is back', async () => {
    const withoutRedis = new TokenService(dead, service.ctx.config.jwt, service.ctx.producer.prefix, service.ctx.dataSource);
    const token = withoutRedis.issue('8b0f3a52-6f3e-4a8e-9d43-000000000003', 'citizen');
    await withoutRedis.revoke((await withoutRedis.verify(token.accessToken))!);
    // Redis is back but never saw that revocation. Every process reloads them on reconnect; here
    // the reload comes from the other trigger, the missing "loaded" marker.
    await service.ctx.redis.del(`${service.ctx.producer.prefix}:revocations-loaded`);
    expect(await service.ctx.tokens.verify(token.accessToken)).toBeNull();
  });

  test('when Redis lost its data (restarted empty), then revocations are loaded back from PostgreSQL', async () => {
    const live = service.ctx.tokens;
    const token = live.issue('8b0f3a52-6f3e-4a8e-9d43-000000000004', 'citizen');
    await live.revoke((await live.verify(token.accessToken))!);
    const prefix = service.ctx.producer.prefix;
    const [, keys] = await service.ctx.redis.scan('0', 'MATCH', `${prefix}:revoked-token:*`, 'COUNT', 1000);
    await service.ctx.redis.del(...keys, `${prefix}:revocations-loaded`);

    expect(await live.verify(token.accessToken)).toBeNull();
    // The first check after the loss reloads them: soon the cache has the key and its marker again.
    const deadline = Date.now() + 5000;
    while (!(await service.ctx.redis.exists(`${prefix}:revocations-loaded`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const jti = JSON.parse(Buffer.from(token.accessToken.split('.')[1], 'base64url').toString()).jti;
    expect(await service.ctx.redis.exists(`${prefix}:revoked-token:${jti}`)).toBe(1);
  });

  test('when an API call is made with a logged-out token while the cache was emptied, then 401', async () => {
    const citizenToken = service.ctx.tokens.issue('8b0f3a52-6f3e-4a8e-9d43-000000000005', 'citizen');
    await service.ctx.tokens.revoke((await service.ctx.tokens.verify(citizenToken.accessToken))!);
    await service.ctx.redis.del(`${service.ctx.producer.prefix}:revocations-loaded`);
    expect((await service.api('GET', '/api/v1/inbox', { token: citizenToken.accessToken })).status).toBe(401);
  });
});
