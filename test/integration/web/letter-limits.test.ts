import { TestService, type Citizen } from '../../support/test-service';

// The letter page meets the same limits as the API: the hourly allowance and the storage quota.
const service = new TestService();
let citizen: Citizen;

beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
});
afterAll(() => service.stop());

function letter(who: Citizen, title: string, file?: { name: string; bytes: Buffer }) {
  const form = new FormData();
  form.append('title', title);
  form.append('content', 'Treść, która ma wrócić w formularzu.');
  if (file) form.append('attachments', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name);
  return fetch(`${service.baseUrl}/wyslij-pismo`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${who.token}` }, body: form, redirect: 'manual' });
}

describe('the letter page and the limits', () => {
  test('when the account has no room left for files, then 413 with the reason at Załączniki, keeping the text', async () => {
    const [full] = await service.ctx.dataSource.query(
      `INSERT INTO submissions (user_id, title, content, sha256, receipt_number) VALUES ($1, 'Wcześniejsze', 'x', repeat('a', 64), $2) RETURNING id`,
      [citizen.id, `ESP/QUOTA/${citizen.id}`],
    );
    await service.ctx.dataSource.query(
      `INSERT INTO submission_attachments (submission_id, filename, content_type, size_bytes, sha256, data) VALUES ($1, 'duzy.pdf', 'application/pdf', $2, repeat('b', 64), '\\x00')`,
      [full.id, 50 * 1024 * 1024],
    );
    const res = await letter(citizen, 'Pismo z plikiem', { name: 'skan.pdf', bytes: Buffer.from('%PDF-1.4') });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain('Na Twoim koncie można przechowywać najwyżej 50 MiB załączników.');
    expect(html).toContain('aria-describedby="attachments-hint attachments-error"');
    expect(html).toContain('Treść, która ma wrócić w formularzu.');
  });

  test('when an account sent 20 letters within the hour, then the 21st page answer is 429 with Retry-After and the reason, keeping the text', async () => {
    const busy = await service.citizen();
    for (let i = 1; i <= 20; i++) expect((await letter(busy, `Pismo ${i}`)).status).toBe(303);
    const res = await letter(busy, 'Pismo 21');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toContain('Wysłano już najwięcej pism, ile można w ciągu godziny.');
    expect(html).toContain('Treść, która ma wrócić w formularzu.');
  });
});
