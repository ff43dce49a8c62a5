import { TestService } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start({ workers: false }));
afterAll(() => service.stop());

const body = { receipt: { receiptNumber: 'ESP/2026/000001' }, signature: 'A'.repeat(86) };

describe('receipt checks are limited per client address (RATE_LIMIT_RECEIPT_CHECKS, 30 a minute by default)', () => {
  test('when one address checks 30 receipts in a minute, then the 31st is 429 too_many_requests with Retry-After', async () => {
    for (let i = 0; i < 30; i++) {
      const res = await service.api('POST', '/api/v1/receipts/verify', { body });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ valid: false });
    }
    const refused = await service.api('POST', '/api/v1/receipts/verify', { body });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_requests');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // The page counts against the same limit: it says so in Polish, keeping what was pasted.
    const form = new FormData();
    form.append('potwierdzenie', JSON.stringify(body));
    const page = await fetch(`${service.baseUrl}/sprawdz-potwierdzenie`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl }, body: form });
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await page.text();
    expect(html).toContain('Zbyt wiele prób');
    expect(html).toContain('ESP/2026/000001');
  });
});
