import { openPaperCase } from '../../support/cases';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;
let office: Office;
let caseNumber: string;
let messageId: string;

beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
  office = await createOffice(service);
  caseNumber = await openPaperCase(service, office);
  const sent = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Pismo', content: 'Treść' } });
  if (sent.status !== 201) throw new Error(`submit: ${sent.status}`);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
    if (inbox.body.items?.length) {
      messageId = inbox.body.items[0].id;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!messageId) throw new Error('no receipt message in the inbox within 10 s');
});
afterAll(() => service.stop());

const MiB = 1024 * 1024;
const json = { 'content-type': 'application/json' };

/** The calls that take no body, each with the token of a caller allowed to make them. */
const noBodyCalls = () => [
  { path: `/api/v1/inbox/${messageId}/read`, token: citizen.token, ok: 204 },
  { path: `/api/v1/office/cases/${encodeURIComponent(caseNumber)}/access-key`, token: office.registrar.token, ok: 201 },
];

describe('POST routes that take no body', () => {
  test('when such a route gets a body with a field, then 400 validation_failed names the unknown field', async () => {
    for (const call of noBodyCalls()) {
      const res = await service.api('POST', call.path, { token: call.token, body: { foo: 1 } });
      expect({ path: call.path, status: res.status }).toEqual({ path: call.path, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ field: 'foo', message: expect.any(String) }]);
    }
  });

  test('when such a route gets a body that is not an object, then 400 validation_failed', async () => {
    for (const rawBody of ['[]', '"x"', 'null']) {
      const res = await service.api('POST', noBodyCalls()[0].path, { token: citizen.token, rawBody, headers: json });
      expect({ rawBody, status: res.status, code: res.body.code }).toEqual({ rawBody, status: 400, code: 'validation_failed' });
    }
  });

  test('when such a route gets a body over 1 MiB, then 413 payload_too_large', async () => {
    for (const call of noBodyCalls()) {
      const res = await service.api('POST', call.path, { token: call.token, rawBody: JSON.stringify({ foo: 'x'.repeat(2.2 * MiB) }), headers: json });
      expect({ path: call.path, status: res.status, code: res.body.code }).toEqual({ path: call.path, status: 413, code: 'payload_too_large' });
    }
  });

  test('when such a route gets no body or an empty object, then it succeeds', async () => {
    for (const call of noBodyCalls()) {
      expect((await service.api('POST', call.path, { token: call.token })).status).toBe(call.ok);
      expect((await service.api('POST', call.path, { token: call.token, body: {} })).status).toBe(call.ok);
    }
  });

  test('when logout gets an unknown field or an oversized body, then it is refused and the token still works; with {} it logs out', async () => {
    const token = await service.login(citizen.login, citizen.password);
    const unknown = await service.api('POST', '/api/v1/auth/logout', { token, body: { foo: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'foo', message: expect.any(String) }]);
    const large = await service.api('POST', '/api/v1/auth/logout', { token, rawBody: JSON.stringify({ x: 'y'.repeat(2.2 * MiB) }), headers: json });
    expect(large.status).toBe(413);
    expect((await service.api('GET', '/api/v1/me', { token })).status).toBe(200);

    expect((await service.api('POST', '/api/v1/auth/logout', { token, body: {} })).status).toBe(204);
    expect((await service.api('GET', '/api/v1/me', { token })).status).toBe(401);
  });
});

describe('a NUL character (U+0000) in a JSON string', () => {
  test.each([
    ['/api/v1/auth/login', () => ({ login: 'jan\u0000', password: 'Zielona-Herbata-1' }), undefined, 'login'],
    ['/api/v1/auth/register', () => ({ login: `nul.${Date.now()}`, email: `nul.${Date.now()}@example.pl`, password: 'Zielona-Herbata-12', firstName: 'Ja\u0000n', lastName: 'K', acceptTerms: true }), undefined, 'firstName'],
    ['/api/v1/auth/resend-activation', () => ({ login: '\u0000' }), undefined, 'login'],
    ['/api/v1/submissions', () => ({ title: 'Pismo', content: 'Tre\u0000ść' }), () => citizen.token, 'content'],
    [
      '/api/v1/submissions',
      () => ({ title: 'Pismo', content: 'Treść', attachments: [{ filename: 'a\u0000.pdf', contentType: 'application/pdf', dataBase64: 'AAAA' }] }),
      () => citizen.token,
      'attachments.0.filename',
    ],
  ])('when POST %s gets one, then 400 validation_failed names the field', async (path, body, token, field) => {
    const res = await service.api('POST', path, { body: body(), token: token?.() });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('NUL') }]);
  });

  test('when an official changes a case with one in the note, then 400 names the field and the case is unchanged', async () => {
    const path = `/api/v1/office/cases/${encodeURIComponent(caseNumber)}`;
    const res = await service.api('PATCH', path, { token: office.admin.token, body: { note: 'uwaga\u0000' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'note', message: expect.any(String) }]);
    expect((await service.api('GET', path, { token: office.admin.token })).body.history).toHaveLength(1);
  });

  test('when a query or path value holds one, then 400 validation_failed names it', async () => {
    const query = await service.api('GET', '/api/v1/office/cases?q=a%00b', { token: office.admin.token });
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ field: 'q', message: expect.any(String) }]);
    const path = await service.api('GET', '/api/v1/office/cases/GN.6840.1.2026%00', { token: office.admin.token });
    expect(path.status).toBe(400);
    expect(path.body.errors).toEqual([{ field: 'number', message: expect.any(String) }]);
  });
});
