import { serviceWithCitizen, TestService } from '../../support/test-service';

const service = new TestService();
const citizen = serviceWithCitizen(service);

const MiB = 1024 * 1024;
const submit = (body: unknown) => service.api('POST', '/api/v1/submissions', { token: citizen.token, body });
const file = (name: string, bytes: number) => ({ filename: name, contentType: 'application/pdf', dataBase64: Buffer.alloc(bytes, 7).toString('base64') });
const ok = { title: 'Pismo', content: 'Treść' };

async function submissionsOf(userId: string): Promise<number> {
  const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE user_id = $1`, [userId]);
  return n;
}

describe('POST /api/v1/submissions refuses bad input', () => {
  test.each([
    ['a title of 201 characters', { ...ok, title: 'a'.repeat(201) }, 'title'],
    ['an empty title', { ...ok, title: '' }, 'title'],
    ['empty content', { ...ok, content: '' }, 'content'],
    ['content over 100000 characters', { ...ok, content: 'x'.repeat(100_001) }, 'content'],
    ['an unknown field', { ...ok, priority: 'high' }, 'priority'],
    ['attachments that are not base64', { ...ok, attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', dataBase64: 'to nie jest base64!' }] }, 'attachments.0.dataBase64'],
    ['six attachments', { ...ok, attachments: Array.from({ length: 6 }, (_, i) => file(`z${i}.pdf`, 10)) }, 'attachments'],
    ['requestAccessKey that is not a boolean', { ...ok, requestAccessKey: 'tak' }, 'requestAccessKey'],
  ])('when the body has %s, then 400 validation_failed names the field', async (_what, body, field) => {
    const res = await submit(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
  });

  test('when the title is exactly 200 characters and there are five attachments, then it is accepted', async () => {
    const res = await submit({ ...ok, title: 'a'.repeat(200), attachments: Array.from({ length: 5 }, (_, i) => file(`z${i}.pdf`, 10)) });
    expect(res.status).toBe(201);
  });

  test('when attachments together exceed 5 MiB, then 413 payload_too_large and nothing is stored', async () => {
    const before = await submissionsOf(citizen.id);
    const res = await submit({ ...ok, attachments: [file('a.pdf', 3 * MiB), file('b.pdf', 2 * MiB + 1)] });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(await submissionsOf(citizen.id)).toBe(before);
  });

  test('when attachments are exactly 5 MiB together, then they are accepted', async () => {
    const res = await submit({ ...ok, attachments: [file('a.pdf', 3 * MiB), file('b.pdf', 2 * MiB)] });
    expect(res.status).toBe(201);
  });

  test('when the body is over 10 MiB, then 413 payload_too_large', async () => {
    const res = await service.api('POST', '/api/v1/submissions', {
      token: citizen.token,
      rawBody: JSON.stringify({ ...ok, content: 'x'.repeat(10 * MiB + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  test('when the body is between 1 and 10 MiB (a large attachment), then the submissions limit applies, not the 1 MiB one', async () => {
    const res = await submit({ ...ok, attachments: [file('a.pdf', 2 * MiB)] });
    expect(res.status).toBe(201);
  });
});
