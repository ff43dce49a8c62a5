import { createHash } from 'node:crypto';
import { officeYear } from '../../../services/cases/case-number';
import { serviceWithCitizen, TestService } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
const citizen = serviceWithCitizen(service);

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('POST /api/v1/submissions', () => {
  test('when a citizen sends a document with Polish characters, then the 201 receipt carries the sha256 of its UTF-8 content', async () => {
    const content = 'Zażółć gęślą jaźń — proszę o wydanie zaświadczenia o niezaleganiu w opłatach.';
    const res = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Wniosek o zaświadczenie', content } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      receiptNumber: expect.stringMatching(new RegExp(`^ESP/${officeYear(new Date())}/\\d{6}$`)),
      submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      sha256: sha256(Buffer.from(content, 'utf8')),
      status: 'received',
    });
    expect(Math.abs(Date.parse(res.body.submittedAt) - Date.now())).toBeLessThan(60_000);
    // Not the digest of some other encoding of the same text.
    expect(res.body.sha256).not.toBe(sha256(Buffer.from(content, 'latin1')));
  });

  test('when a submission is accepted, then a submission_received message with exactly its receipt facts reaches the inbox', async () => {
    const res = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Pismo', content: 'Treść pisma.' } });
    expect(res.status).toBe(201);
    let message: any;
    await waitUntil(async () => {
      const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
      message = inbox.body.items.find((m: any) => m.kind === 'submission_received' && m.data.submissionId === res.body.id);
      return message !== undefined;
    }, 'the receipt message');
    expect(message.data).toEqual({
      submissionId: res.body.id,
      receiptNumber: res.body.receiptNumber,
      submittedAt: res.body.submittedAt,
      sha256: res.body.sha256,
    });
    expect(message.bodyText).toContain(res.body.receiptNumber);
  });

  test('when a submission has attachments, then each is stored with its size and sha256', async () => {
    const pdf = Buffer.from('%PDF-1.4 przykładowy plik\n', 'utf8');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3]);
    const res = await service.api('POST', '/api/v1/submissions', {
      token: citizen.token,
      body: {
        title: 'Pismo z załącznikami',
        content: 'W załączeniu dokumenty.',
        attachments: [
          { filename: 'wniosek.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') },
          { filename: 'mapa.png', contentType: 'image/png', dataBase64: png.toString('base64') },
        ],
      },
    });
    expect(res.status).toBe(201);
    const rows: Array<{ filename: string; content_type: string; size_bytes: number; sha256: string; data: Buffer }> = await service.ctx.dataSource.query(
      `SELECT filename, content_type, size_bytes, sha256, data FROM submission_attachments WHERE submission_id = $1 ORDER BY filename`,
      [res.body.id],
    );
    expect(rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }))).toEqual([
      { filename: 'mapa.png', content_type: 'image/png', size_bytes: png.length, sha256: sha256(png), data: png },
      { filename: 'wniosek.pdf', content_type: 'application/pdf', size_bytes: pdf.length, sha256: sha256(pdf), data: pdf },
    ]);
  });
});
