import { checkStatus } from '../../support/citizen-cases';
import { serviceWithCitizen, TestService } from '../../support/test-service';

const service = new TestService();
const citizen = serviceWithCitizen(service);

describe('status-check rate limit (RATE_LIMIT_STATUS_CHECKS, 30 a minute by default)', () => {
  test('when a citizen makes 30 new requests in a minute, then the 31st new one is 429 with Retry-After; repeats within 10 s are not counted', async () => {
    for (let i = 1; i <= 30; i++) {
      const accepted = await checkStatus(service, citizen.token, `RL.1.${i}.2026`);
      // The same press again returns the same request and costs nothing.
      expect(await checkStatus(service, citizen.token, `rl.1.${i}.2026`)).toEqual(accepted);
    }
    const res = await service.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: 'RL.1.31.2026' } });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('too_many_requests');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A refused request is not recorded, and a retry of it is refused again rather than deduplicated.
    const again = await service.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: 'RL.1.31.2026' } });
    expect(again.status).toBe(429);
    const rows = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM status_checks WHERE user_id = $1`, [citizen.id]);
    expect(rows[0].n).toBe(30);
  });

  test('when repeats come at the limit, then they are still not counted: the last new request within the limit is accepted', async () => {
    const someone = await service.citizen();
    for (let i = 1; i <= 29; i++) await checkStatus(service, someone.token, `RM.1.${i}.2026`);
    // Three repeats of the 29th at 29 of 30: each is claimed and consumed together, then given back.
    for (let k = 0; k < 3; k++) await checkStatus(service, someone.token, 'RM.1.29.2026');
    expect((await checkStatus(service, someone.token, 'RM.1.30.2026')).status).toBe('queued');
    // A repeat past the limit is still the earlier request, not a 429.
    expect((await service.api('POST', '/api/v1/status-checks', { token: someone.token, body: { caseNumber: 'RM.1.30.2026' } })).status).toBe(202);
    expect((await service.api('POST', '/api/v1/status-checks', { token: someone.token, body: { caseNumber: 'RM.1.31.2026' } })).status).toBe(429);
  });

  test('when another citizen asks, then their own limit applies', async () => {
    const other = await service.citizen();
    expect((await checkStatus(service, other.token, 'RL.1.1.2026')).status).toBe('queued');
  });
});
