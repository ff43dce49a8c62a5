import { attachment } from '../../support/letters';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;

beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
});
afterAll(() => service.stop());

const submit = (token: string, body: Record<string, unknown>) => service.api('POST', '/api/v1/submissions', { token, body: { content: 'Treść.', ...body } });
const MIB = 1024 * 1024;

describe('what a title and a file name may hold', () => {
  test('when a file name hides a right-to-left override and the title holds control characters, then both are stored without them', async () => {
    const res = await submit(citizen.token, {
      title: 'Wniosek\u202e gpj.exe\u0007\tpilny\u2066',
      attachments: [attachment('report.pdf\u202Egpj.exe', Buffer.from('MZ')), attachment('\u200fskan\u0001\u2069.pdf', Buffer.from('%PDF'))],
    });
    expect(res.status).toBe(201);
    const detail = await service.api('GET', `/api/v1/submissions/${res.body.id}`, { token: citizen.token });
    expect(detail.body.title).toBe('Wniosek gpj.exe pilny');
    expect(detail.body.attachments.map((a: any) => a.filename).sort()).toEqual(['report.pdfgpj.exe', 'skan.pdf']);
  });

  test('when a title is nothing but invisible characters, then 400 on title', async () => {
    const res = await submit(citizen.token, { title: '\u202e\u200f\u0007' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'title' })]);
  });

  test('when a file name is nothing but control characters, then 400 on that file name', async () => {
    const res = await submit(citizen.token, { title: 'Pismo', attachments: [attachment('\u202e\u0001', Buffer.from('x'))] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'attachments.0.filename' })]);
  });
});

describe('the storage quota of an account (50 MiB of files)', () => {
  test('when files would take an account past 50 MiB, then 413 storage_quota_exceeded in Polish, nothing is stored, and smaller files still go', async () => {
    const owner = await service.citizen();
    // 49 MiB already kept (made in the database: sending them would take ten letters).
    const [earlier] = await service.ctx.dataSource.query(
      `INSERT INTO submissions (user_id, title, content, sha256, receipt_number) VALUES ($1, 'Wcześniejsze', 'x', repeat('a', 64), $2) RETURNING id`,
      [owner.id, `ESP/QUOTA/${owner.id}`],
    );
    await service.ctx.dataSource.query(
      `INSERT INTO submission_attachments (submission_id, filename, content_type, size_bytes, sha256, data) VALUES ($1, 'duzy.pdf', 'application/pdf', $2, repeat('b', 64), '\\x00')`,
      [earlier.id, 49 * MIB],
    );
    const refused = await submit(owner.token, { title: 'Za dużo', attachments: [attachment('skan.pdf', Buffer.alloc(2 * MIB))] });
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('storage_quota_exceeded');
    expect(refused.body.detail).toMatch(/najwyżej 50 MiB załączników\. Zostało 1 MiB/);
    const stored = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE user_id = $1`, [owner.id]);
    expect(stored[0].n).toBe(1);
    expect((await submit(owner.token, { title: 'Mniejszy', attachments: [attachment('skan.pdf', Buffer.alloc(MIB / 2))] })).status).toBe(201);
    // A letter without files always fits.
    expect((await submit(owner.token, { title: 'Bez plików' })).status).toBe(201);
  });

  test('when two letters that fit only one at a time are sent at once, then one is refused', async () => {
    const owner = await service.citizen();
    const [earlier] = await service.ctx.dataSource.query(
      `INSERT INTO submissions (user_id, title, content, sha256, receipt_number) VALUES ($1, 'Wcześniejsze', 'x', repeat('a', 64), $2) RETURNING id`,
      [owner.id, `ESP/QUOTA/${owner.id}`],
    );
    await service.ctx.dataSource.query(
      `INSERT INTO submission_attachments (submission_id, filename, content_type, size_bytes, sha256, data) VALUES ($1, 'duzy.pdf', 'application/pdf', $2, repeat('b', 64), '\\x00')`,
      [earlier.id, 46 * MIB],
    );
    const file = attachment('skan.pdf', Buffer.alloc(3 * MIB));
    const results = await Promise.all([submit(owner.token, { title: 'A', attachments: [file] }), submit(owner.token, { title: 'B', attachments: [file] })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 413]);
  });
});

describe('submissions per account per hour (RATE_LIMIT_SUBMISSIONS, 20 by default)', () => {
  test('when an account sent 20 letters within an hour, then the 21st is 429 with Retry-After and a Polish reason; refused letters do not count; another account is not affected', async () => {
    const busy = await service.citizen();
    // A letter refused after it was counted (here: over the storage quota) gives its allowance back.
    const [full] = await service.ctx.dataSource.query(
      `INSERT INTO submissions (user_id, title, content, sha256, receipt_number) VALUES ($1, 'Wcześniejsze', 'x', repeat('a', 64), $2) RETURNING id`,
      [busy.id, `ESP/QUOTA/${busy.id}`],
    );
    await service.ctx.dataSource.query(
      `INSERT INTO submission_attachments (submission_id, filename, content_type, size_bytes, sha256, data) VALUES ($1, 'duzy.pdf', 'application/pdf', $2, repeat('b', 64), '\\x00')`,
      [full.id, 50 * MIB],
    );
    for (let i = 0; i < 3; i++) expect((await submit(busy.token, { title: 'Za dużo', attachments: [attachment('a.pdf', Buffer.from('x'))] })).status).toBe(413);
    for (let i = 1; i <= 20; i++) expect((await submit(busy.token, { title: `Pismo ${i}` })).status).toBe(201);
    const refused = await submit(busy.token, { title: 'Pismo 21' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_requests');
    expect(refused.body.detail).toMatch(/w ciągu godziny/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    const stored = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE user_id = $1`, [busy.id]);
    expect(stored[0].n).toBe(21); // the 20 and the one made in the database
    expect((await submit(citizen.token, { title: 'Inne konto' })).status).toBe(201);
  });
});
