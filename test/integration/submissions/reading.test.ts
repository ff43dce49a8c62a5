import { createHash } from 'node:crypto';
import { linkByKey, officialOfAnotherUnit, openCase, openPaperCase } from '../../support/cases';
import { attachment, download, insertReply, submitWithFiles } from '../../support/letters';
import { createOffice, uniqueUnitSymbol, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
let sender: Citizen;
let stranger: Citizen;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const pdf = Buffer.from('%PDF-1.4 wniosek o zaświadczenie\n', 'utf8');
const html = Buffer.from('<html><script>alert(1)</script></html>');

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  sender = await service.citizen({ firstName: 'Grażyna', lastName: 'Żółkiewska' });
  stranger = await service.citizen();
});
afterAll(() => service.stop());

const auditOf = async (action: string, subject: string) =>
  (await service.ctx.dataSource.query(`SELECT actor, action, subject, details FROM audit_entries WHERE action = $1 AND subject = $2 ORDER BY at`, [action, subject])) as Array<{
    actor: string;
    details: Record<string, unknown>;
  }>;

describe('GET /api/v1/submissions/:id (its sender)', () => {
  test('when the sender reads their letter, then it comes back with its text, receipt facts and files (with their sha256), and no case yet', async () => {
    const sent = await submitWithFiles(service, sender, 'Wniosek o zaświadczenie', 'Zażółć gęślą jaźń.', [attachment('wniosek.pdf', pdf), attachment('mapa.png', Buffer.from([1, 2, 3]), 'image/png')]);
    const res = await service.api('GET', `/api/v1/submissions/${sent.id}`, { token: sender.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: sent.id,
      title: 'Wniosek o zaświadczenie',
      content: 'Zażółć gęślą jaźń.',
      receiptNumber: sent.receiptNumber,
      submittedAt: sent.submittedAt,
      sha256: sent.sha256,
      status: 'received',
      caseNumber: null,
      attachments: [
        { id: expect.any(String), filename: 'mapa.png', contentType: 'image/png', sizeBytes: 3, sha256: sha256(Buffer.from([1, 2, 3])) },
        { id: expect.any(String), filename: 'wniosek.pdf', contentType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256(pdf) },
      ],
    });
  });

  test('when another citizen, a registrar, or nobody asks for it, then 404, 403 and 401; a malformed id is 400; an unknown one 404', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo prywatne', 'Treść.');
    const other = await service.api('GET', `/api/v1/submissions/${sent.id}`, { token: stranger.token });
    const unknown = await service.api('GET', '/api/v1/submissions/00000000-0000-4000-8000-000000000000', { token: stranger.token });
    expect(other.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
    expect(other.body.code).toBe('not_found');
    expect((await service.api('GET', `/api/v1/submissions/${sent.id}`, { token: office.registrar.token })).status).toBe(403);
    expect((await service.api('GET', `/api/v1/submissions/${sent.id}`)).status).toBe(401);
    expect((await service.api('GET', '/api/v1/submissions/nie-uuid', { token: sender.token })).status).toBe(400);
  });
});

describe('GET /api/v1/office/submissions/:id', () => {
  test('when the registrar reads a waiting letter, then it comes with its sender and the read is in the audit log', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo do kancelarii', 'Treść.', [attachment('a.pdf', pdf)]);
    const res = await service.api('GET', `/api/v1/office/submissions/${sent.id}`, { token: office.registrar.token });
    expect(res.status).toBe(200);
    expect(res.body.sender).toEqual({ firstName: 'Grażyna', lastName: 'Żółkiewska', email: sender.email });
    expect(res.body.content).toBe('Treść.');
    expect(res.body.attachments).toHaveLength(1);
    expect(await auditOf('submission.read', sent.receiptNumber)).toEqual([expect.objectContaining({ actor: office.registrar.login, details: { submissionId: sent.id } })]);
  });

  test('when an official asks, then only for a letter whose case their unit runs; before a case exists and for another unit, 404 (nothing audited)', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo do wydziału', 'Treść.');
    expect((await service.api('GET', `/api/v1/office/submissions/${sent.id}`, { token: office.official.token })).status).toBe(404);
    const opened = await openCase(service, office, { jrwaSymbol: '6840', title: 'Sprawa z pisma', submissionId: sent.id });
    const mine = await service.api('GET', `/api/v1/office/submissions/${sent.id}`, { token: office.official.token });
    expect(mine.status).toBe(200);
    expect(mine.body.caseNumber).toBe(opened.number);
    expect(mine.body.status).toBe('registered');
    const other = await officialOfAnotherUnit(service, uniqueUnitSymbol().slice(0, 5).replace('-', 'X'));
    const refused = await service.api('GET', `/api/v1/office/submissions/${sent.id}`, { token: other.token });
    expect(refused.status).toBe(404);
    expect((await auditOf('submission.read', sent.receiptNumber)).map((e) => e.actor)).toEqual([office.official.login]);
  });

  test('when an admin reads, then it is allowed and audited; a citizen gets 403', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo dla admina', 'Treść.');
    expect((await service.api('GET', `/api/v1/office/submissions/${sent.id}`, { token: office.admin.token })).status).toBe(200);
    expect((await service.api('GET', `/api/v1/office/submissions/${sent.id}`, { token: sender.token })).status).toBe(403);
    expect((await auditOf('submission.read', sent.receiptNumber)).map((e) => e.actor)).toEqual([office.admin.login]);
  });

  test('when a reply was sent in a case, then the official of that case reads it as the case of the reply, and its sender too', async () => {
    const number = await openPaperCase(service, office);
    await linkByKey(service, number, sender.id);
    const replyId = await insertReply(service, sender, number, { filename: 'uzupełnienie.pdf', data: pdf });
    const official = await service.api('GET', `/api/v1/office/submissions/${replyId}`, { token: office.official.token });
    expect(official.status).toBe(200);
    expect(official.body.caseNumber).toBe(number);
    const own = await service.api('GET', `/api/v1/submissions/${replyId}`, { token: sender.token });
    expect(own.status).toBe(200);
    expect(own.body.caseNumber).toBe(number);
    // A reply has its signed receipt like a first letter.
    const receipt = await service.api('GET', `/api/v1/submissions/${replyId}/receipt`, { token: sender.token });
    expect(receipt.status).toBe(200);
    expect(receipt.body.receipt).toMatchObject({ receiptNumber: own.body.receiptNumber, attachments: [{ filename: 'uzupełnienie.pdf', sha256: 'b'.repeat(64) }] });
    const file = await download(service, `/api/v1/submissions/${replyId}/attachments/${official.body.attachments[0].id}`, office.official.token);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(pdf)).toBe(true);
  });
});

describe('GET /api/v1/submissions/:id/attachments/:attachmentId', () => {
  test('when the sender downloads a file, then its bytes come as an attachment with its UTF-8 name, its type and nosniff', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo z plikiem', 'Treść.', [attachment('wniosek żółty.pdf', pdf)]);
    const detail = await service.api('GET', `/api/v1/submissions/${sent.id}`, { token: sender.token });
    const file = await download(service, `/api/v1/submissions/${sent.id}/attachments/${detail.body.attachments[0].id}`, sender.token);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(pdf)).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="wniosek zolty.pdf"; filename*=UTF-8''${encodeURIComponent('wniosek żółty.pdf')}`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    // Nothing is audited for a citizen reading their own file.
    expect(await auditOf('submission.file.downloaded', sent.receiptNumber)).toEqual([]);
  });

  test('when a file was sent as HTML, then it is served as octet-stream, never as a page', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo z HTML', 'Treść.', [attachment('strona.html', html, 'text/html')]);
    const detail = await service.api('GET', `/api/v1/submissions/${sent.id}`, { token: sender.token });
    const file = await download(service, `/api/v1/submissions/${sent.id}/attachments/${detail.body.attachments[0].id}`, office.registrar.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(await auditOf('submission.file.downloaded', sent.receiptNumber)).toEqual([
      expect.objectContaining({ actor: office.registrar.login, details: { submissionId: sent.id, attachmentId: detail.body.attachments[0].id, filename: 'strona.html' } }),
    ]);
  });

  test('when another citizen, an official of no case, or a file of another letter is asked for, then 404 alike', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo A', 'Treść.', [attachment('a.pdf', pdf)]);
    const otherLetter = await submitWithFiles(service, sender, 'Pismo B', 'Treść.', [attachment('b.pdf', pdf)]);
    const a = (await service.api('GET', `/api/v1/submissions/${sent.id}`, { token: sender.token })).body.attachments[0].id;
    const b = (await service.api('GET', `/api/v1/submissions/${otherLetter.id}`, { token: sender.token })).body.attachments[0].id;
    const path = `/api/v1/submissions/${sent.id}/attachments/${a}`;
    expect((await download(service, path, stranger.token)).status).toBe(404);
    expect((await download(service, path, office.official.token)).status).toBe(404);
    expect((await download(service, `/api/v1/submissions/${sent.id}/attachments/${b}`, sender.token)).status).toBe(404);
    expect((await download(service, path)).status).toBe(401);
    expect((await download(service, `/api/v1/submissions/${sent.id}/attachments/x`, sender.token)).status).toBe(400);
  });
});
