// The limit must be in the environment before any module reads the configuration.
process.env.RATE_LIMIT_REGISTRATIONS = '3';

import type * as TestServiceModule from '../../support/test-service';

const { newCitizenData, TestService } = require('../../support/test-service') as typeof TestServiceModule;

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

const registerFrom = (ip: string) =>
  service.api('POST', '/api/v1/auth/register', { body: { ...newCitizenData(), acceptTerms: true }, headers: { 'x-forwarded-for': ip } });

describe('registration rate limit', () => {
  test('when one address registers more often than RATE_LIMIT_REGISTRATIONS in an hour, then 429 too_many_requests with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await registerFrom('198.51.100.7')).status).toBe(202);
    const res = await registerFrom('198.51.100.7');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  });

  test('when another address registers, then its own limit applies', async () => {
    expect((await registerFrom('198.51.100.8')).status).toBe(202);
  });
});
