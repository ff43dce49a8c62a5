import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { config } from '../../../config/config';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;
beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
});
afterAll(() => service.stop());

const me = (token?: string, headers?: Record<string, string>) => service.api('GET', '/api/v1/me', { token, headers });
const settings = () => config().jwt;

/** A token with the service's claims, signed as `options` say (by default exactly as the service does). */
function forge(overrides: { secret?: string; claims?: Record<string, unknown>; options?: jwt.SignOptions } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ role: 'citizen', sid: randomUUID(), auth_time: now, ver: 0, ...overrides.claims }, overrides.secret ?? settings().secret, {
    algorithm: 'HS256',
    subject: citizen.id,
    issuer: settings().issuer,
    audience: settings().audience,
    expiresIn: 600,
    jwtid: `forged-${Math.random()}`,
    ...overrides.options,
  });
}

function expectUnauthorized(res: { status: number; body: any; headers: Headers }): void {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 401, code: 'unauthorized' });
}

describe('access tokens', () => {
  test('when a citizen logs in, then the token is an HS256 JWT with sub, role, iat, exp at most an hour later, iss, aud and jti', () => {
    const decoded = jwt.decode(citizen.token, { complete: true }) as jwt.Jwt;
    expect(decoded.header.alg).toBe('HS256');
    const claims = decoded.payload as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: citizen.id, role: 'citizen', iss: expect.any(String), aud: expect.anything(), jti: expect.any(String) });
    expect(claims.exp! - claims.iat!).toBeGreaterThan(0);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(3600);
  });

  test('when a token signed by the service itself is sent, then it is accepted (the forging helper is sound)', async () => {
    expect((await me(forge())).status).toBe(200);
  });

  test('when the scheme is written in another letter case, then the token is accepted', async () => {
    expect((await me(undefined, { authorization: `bearer ${citizen.token}` })).status).toBe(200);
  });

  test('when no Authorization header is sent, then 401 unauthorized', async () => {
    expectUnauthorized(await me());
  });

  test('when the header carries garbage, then 401 unauthorized', async () => {
    expectUnauthorized(await me('garbage'));
    expectUnauthorized(await me(undefined, { authorization: `Basic ${citizen.token}` }));
    expectUnauthorized(await me(`${citizen.token}x`));
  });

  test('when the token is signed by another key, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ secret: 'another-key-that-is-long-enough-0123456789' })));
  });

  test('when the token has alg none, then 401 unauthorized', async () => {
    const unsigned = jwt.sign({ role: 'citizen', sub: citizen.id, iss: settings().issuer, aud: settings().audience }, '', { algorithm: 'none' });
    expectUnauthorized(await me(unsigned));
  });

  test('when the token is signed with another HMAC algorithm and the right key, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ options: { algorithm: 'HS512' } })));
  });

  test('when the token has expired, then 401 unauthorized', async () => {
    const now = Math.floor(Date.now() / 1000);
    expectUnauthorized(await me(forge({ claims: { iat: now - 7200 }, options: { expiresIn: 3600 } })));
  });

  test('when the token has the wrong issuer, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ options: { issuer: 'someone-else' } })));
  });

  test('when the token has the wrong audience, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ options: { audience: 'another-api' } })));
  });

  test('when the token names an unknown role, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ claims: { role: 'superuser' } })));
  });

  test('when the token lives longer than JWT_TTL_SECONDS, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ options: { expiresIn: settings().ttlSeconds + 60 } })));
  });

  test('when the token was issued in the future, then 401 unauthorized', async () => {
    const now = Math.floor(Date.now() / 1000);
    expectUnauthorized(await me(forge({ claims: { iat: now + 600 }, options: { expiresIn: 600 } })));
  });

  test('when the token carries no session or no account version, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ claims: { sid: undefined } })));
    expectUnauthorized(await me(forge({ claims: { sid: 'not-a-uuid' } })));
    expectUnauthorized(await me(forge({ claims: { ver: undefined } })));
    expectUnauthorized(await me(forge({ claims: { auth_time: undefined } })));
  });

  test('when the token would outlive its session (SESSION_MAX_SECONDS after the login), then 401 unauthorized', async () => {
    const now = Math.floor(Date.now() / 1000);
    expectUnauthorized(await me(forge({ claims: { auth_time: now - settings().sessionMaxSeconds + 60 }, options: { expiresIn: 600 } })));
  });

  test('when the token names an older version of the account, then 401 unauthorized', async () => {
    expectUnauthorized(await me(forge({ claims: { ver: 1 } })));
  });

  test('when a citizen logs out, then 204, that token is refused and their other token still works', async () => {
    const first = await service.login(citizen.login, citizen.password);
    const second = await service.login(citizen.login, citizen.password);
    const out = await service.api('POST', '/api/v1/auth/logout', { token: first });
    expect(out.status).toBe(204);
    expectUnauthorized(await me(first));
    expectUnauthorized(await service.api('POST', '/api/v1/auth/logout', { token: first }));
    expect((await me(second)).status).toBe(200);
  });
});
