import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { attachment, download, submitWithFiles } from '../../support/letters';
import { pdfText } from '../../support/pdf-text';
import { independentlyValid } from '../../support/receipt-check';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
let sender: Citizen;
let stranger: Citizen;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const pdf = Buffer.from('%PDF-1.4 skan wniosku\n');

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  sender = await service.citizen({ firstName: 'Łucja', lastName: 'Źdźbło-Gęślarz' });
  stranger = await service.citizen();
});
afterAll(() => service.stop());

async function publicKey() {
  const res = await service.api('GET', '/api/v1/receipts/public-key');
  expect(res.status).toBe(200);
  return res.body;
}

describe('GET /api/v1/submissions/:id/receipt', () => {
  test('when the sender asks, then the receipt names the letter, its sender and every file by sha256, and its signature verifies with the JWK alone', async () => {
    const content = 'Proszę o wydanie zaświadczenia — zażółć gęślą jaźń.';
    const sent = await submitWithFiles(service, sender, 'Wniosek o zaświadczenie', content, [attachment('skan wniosku.pdf', pdf)]);
    const res = await service.api('GET', `/api/v1/submissions/${sent.id}/receipt`, { token: sender.token });
    expect(res.status).toBe(200);
    expect(res.body.receipt).toEqual({
      receiptNumber: sent.receiptNumber,
      submittedAt: sent.submittedAt,
      sender: { firstName: 'Łucja', lastName: 'Źdźbło-Gęślarz' },
      title: 'Wniosek o zaświadczenie',
      sha256: sha256(content),
      attachments: [{ filename: 'skan wniosku.pdf', sha256: sha256(pdf) }],
    });
    expect(res.body.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(independentlyValid(res.body.receipt, res.body.signature, await publicKey())).toBe(true);
    // Asked again, the same receipt and the same signature (Ed25519 is deterministic).
    expect((await service.api('GET', `/api/v1/submissions/${sent.id}/receipt`, { token: sender.token })).body).toEqual(res.body);
  });

  test('when another citizen or a staff member asks, then 404 and 403', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo', 'Treść.');
    expect((await service.api('GET', `/api/v1/submissions/${sent.id}/receipt`, { token: stranger.token })).status).toBe(404);
    expect((await download(service, `/api/v1/submissions/${sent.id}/receipt.pdf`, stranger.token)).status).toBe(404);
    expect((await service.api('GET', `/api/v1/submissions/${sent.id}/receipt`, { token: office.registrar.token })).status).toBe(403);
  });
});

describe('GET /api/v1/submissions/:id/receipt.pdf', () => {
  test('when the sender downloads the PDF, then it parses and shows the receipt number, the Polish letters of the name and title, and the signature', async () => {
    const sent = await submitWithFiles(service, sender, 'Żądanie wydania zaświadczenia', 'Treść.', [attachment('załącznik.pdf', pdf)]);
    const signed = (await service.api('GET', `/api/v1/submissions/${sent.id}/receipt`, { token: sender.token })).body;
    const file = await download(service, `/api/v1/submissions/${sent.id}/receipt.pdf`, sender.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="potwierdzenie-ESP-\d{4}-\d{6}\.pdf"/);
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages, title } = await pdfText(file.bytes);
    expect(pages).toBe(1);
    expect(title).toBe(`Urzędowe potwierdzenie odbioru ${sent.receiptNumber}`);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(sent.receiptNumber);
    expect(flat).toContain('Urzędowe potwierdzenie odbioru');
    expect(flat).toContain('Łucja Źdźbło-Gęślarz');
    expect(flat).toContain('Żądanie wydania zaświadczenia');
    expect(flat).toContain('załącznik.pdf');
    expect(text.replace(/\s+/g, '')).toContain(signed.signature);
  });
});

describe('GET /api/v1/receipts/public-key', () => {
  test('when anyone asks, then the key is an OKP/Ed25519 JWK without its private part', async () => {
    const jwk = await publicKey();
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: expect.any(String), alg: 'EdDSA', use: 'sig' });
    expect(jwk.d).toBeUndefined();
  });
});

describe('POST /api/v1/receipts/verify', () => {
  let signed: { receipt: Record<string, any>; signature: string };
  beforeAll(async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo do sprawdzenia', 'Treść.', [attachment('a.pdf', pdf)]);
    signed = (await service.api('GET', `/api/v1/submissions/${sent.id}/receipt`, { token: sender.token })).body;
  });
  const check = (body: unknown) => service.api('POST', '/api/v1/receipts/verify', { body });

  test('when the receipt is as given out, then valid: true, without logging in; its keys in another order change nothing', async () => {
    expect((await check(signed)).body).toEqual({ valid: true });
    const reordered = Object.fromEntries(Object.entries(signed.receipt).reverse());
    expect((await check({ signature: signed.signature, receipt: reordered })).body).toEqual({ valid: true });
  });

  test.each([
    ['another title', (r: any) => ({ ...r, title: 'Pismo do sprawdzenia!' })],
    ['another time', (r: any) => ({ ...r, submittedAt: '2020-01-01T00:00:00.000Z' })],
    ['another sender', (r: any) => ({ ...r, sender: { ...r.sender, lastName: 'Nowak' } })],
    ['a file left out', (r: any) => ({ ...r, attachments: [] })],
    ['another file digest', (r: any) => ({ ...r, attachments: [{ ...r.attachments[0], sha256: '0'.repeat(64) }] })],
    ['a field added', (r: any) => ({ ...r, note: 'dopisane' })],
  ])('when the receipt was altered (%s), then valid: false', async (_what, alter) => {
    const res = await check({ receipt: alter(signed.receipt), signature: signed.signature });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: false });
  });

  test('when the signature was made with another key, or is cut short, then valid: false', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;
    const canonical = JSON.stringify(signed.receipt, Object.keys(signed.receipt).sort()); // keys of the top level suffice to differ
    const forged = sign(null, Buffer.from(canonical), forger).toString('base64url');
    expect((await check({ receipt: signed.receipt, signature: forged })).body).toEqual({ valid: false });
    expect((await check({ receipt: signed.receipt, signature: signed.signature.slice(0, 40) })).body).toEqual({ valid: false });
  });

  test.each([
    ['no signature', () => ({ receipt: signed.receipt })],
    ['no receipt', () => ({ signature: signed.signature })],
    ['a receipt that is not an object', () => ({ receipt: 'ESP/2026/000001', signature: signed.signature })],
    ['a signature that is not base64url', () => ({ receipt: signed.receipt, signature: 'ab+c/d==' })],
    ['an unknown field', () => ({ ...signed, extra: true })],
  ])('when the body has %s, then 400 validation_failed', async (_what, body) => {
    const res = await check(body());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  test('when the body is not JSON, then 400', async () => {
    const res = await service.api('POST', '/api/v1/receipts/verify', { rawBody: '{receipt:', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
  });
});
