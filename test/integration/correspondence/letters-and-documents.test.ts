import { createHash } from 'node:crypto';
import { changeCase, linkByKey, officialOfAnotherUnit } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { callForCompletion, caseGet, messagesOfKind, reply, sendLetter, textFile } from '../../support/correspondence';
import { uniqueUnitSymbol, type Staff } from '../../support/office';
import { serviceWithOfficeAndCitizens } from '../../support/reminders';
import { TestService } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
const { office, applicant, keyHolder, stranger } = serviceWithOfficeAndCitizens(service);
let otherOfficial: Staff;

beforeAll(async () => {
  otherOfficial = await officialOfAnotherUnit(service, uniqueUnitSymbol());
});

const pdf = (name: string) => ({ filename: name, contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 decyzja').toString('base64') });

/** A case of the applicant with the key holder linked too. */
async function sharedCase(title: string): Promise<string> {
  const { number } = await caseFromSubmission(service, office, applicant, title);
  await linkByKey(service, number, keyHolder.id);
  return number;
}

describe('letters from the office', () => {
  test('when the official sends a letter with files, then 201 with its id, and every linked citizen gets one case_letter message naming the files; a stranger none', async () => {
    const number = await sharedCase('Wniosek o decyzję o warunkach zabudowy');
    const res = await sendLetter(service, office.official.token, number, { title: 'Decyzja nr 12/2026', content: 'Urząd ustala warunki zabudowy.', attachments: [pdf('decyzja.pdf')] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String) });
    for (const citizen of [applicant, keyHolder]) {
      await waitUntil(async () => (await messagesOfKind(service, citizen.token, 'case_letter')).some((m) => m.data.letterId === res.body.id), 'the letter message');
      const [message] = (await messagesOfKind(service, citizen.token, 'case_letter')).filter((m) => m.data.letterId === res.body.id);
      expect(message.data).toEqual({
        caseNumber: number,
        letterId: res.body.id,
        title: 'Decyzja nr 12/2026',
        attachments: [{ id: expect.any(String), filename: 'decyzja.pdf', contentType: 'application/pdf', sizeBytes: 16 }],
      });
      expect(message.bodyText).toContain(`/moje-sprawy/${encodeURIComponent(number)}/pisma/${res.body.id}`);
      // The message names the letter; its content is read on the letter page, where the opening is recorded.
      expect(message.bodyText).not.toContain('Urząd ustala warunki zabudowy.');
    }
    expect((await messagesOfKind(service, stranger.token, 'case_letter')).filter((m) => m.data.letterId === res.body.id)).toHaveLength(0);
  });

  test('when a linked citizen reads the letter, then 200 with it, and the first opening is recorded and kept', async () => {
    const number = await sharedCase('Wniosek o zaświadczenie o niezaleganiu');
    const { id } = (await sendLetter(service, office.official.token, number, { title: 'Zaświadczenie', content: 'Zaświadcza się, że…', attachments: [pdf('zaswiadczenie.pdf')] })).body;
    const unopened = (await caseGet(service, office.official.token, 'office', number, '/documents')).body.items.find((d: any) => d.id === id);
    expect(unopened.openedAt).toBeNull();

    const read = await caseGet(service, keyHolder.token, 'citizen', number, `/letters/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id,
      title: 'Zaświadczenie',
      content: 'Zaświadcza się, że…',
      sentAt: expect.any(String),
      attachments: [{ id: expect.any(String), filename: 'zaswiadczenie.pdf', contentType: 'application/pdf', sizeBytes: 16, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    const opened = (await caseGet(service, office.official.token, 'office', number, '/documents')).body.items.find((d: any) => d.id === id).openedAt;
    expect(opened).toEqual(expect.any(String));
    await caseGet(service, applicant.token, 'citizen', number, `/letters/${id}`);
    expect((await caseGet(service, office.official.token, 'office', number, '/documents')).body.items.find((d: any) => d.id === id).openedAt).toBe(opened);
  });

  test('when a stranger reads a letter, or a letter is read under another case, then 404 and no opening is recorded', async () => {
    const number = await sharedCase('Wniosek o wpis do ewidencji');
    const other = await sharedCase('Wniosek o wykreślenie z ewidencji');
    const { id } = (await sendLetter(service, office.official.token, number)).body;
    expect((await caseGet(service, stranger.token, 'citizen', number, `/letters/${id}`)).status).toBe(404);
    expect((await caseGet(service, applicant.token, 'citizen', other, `/letters/${id}`)).status).toBe(404);
    expect((await caseGet(service, applicant.token, 'citizen', number, '/letters/not-a-uuid')).status).toBe(400);
    expect((await caseGet(service, applicant.token, 'citizen', number, '/letters/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await service.ctx.dataSource.query(`SELECT opened_at FROM case_letters WHERE id = $1`, [id]))[0].opened_at).toBeNull();
  });

  test('when another unit or a registrar sends a letter, then 403; an unknown case 404; bad fields 400; over 5 MiB 413; a closed case still takes the decision', async () => {
    const number = await sharedCase('Wniosek o decyzję podatkową');
    expect((await sendLetter(service, otherOfficial.token, number)).status).toBe(403);
    expect((await sendLetter(service, office.registrar.token, number)).status).toBe(403);
    expect((await sendLetter(service, office.official.token, 'GN.6840.999.2020')).status).toBe(404);
    for (const [body, field] of [
      [{ title: '', content: 'x' }, 'title'],
      [{ title: 'x'.repeat(201), content: 'x' }, 'title'],
      [{ title: 'Decyzja', content: '' }, 'content'],
      [{ title: 'Decyzja', content: 'x', attachments: Array.from({ length: 6 }, (_, i) => pdf(`d${i}.pdf`)) }, 'attachments'],
    ] as const) {
      const res = await sendLetter(service, office.official.token, number, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1).toString('base64');
    expect((await sendLetter(service, office.official.token, number, { title: 'Duża', content: 'x', attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', dataBase64: big }] })).status).toBe(413);
    expect((await changeCase(service, office.official.token, number, { status: 'resolved' })).status).toBe(200);
    expect((await sendLetter(service, office.admin.token, number, { title: 'Decyzja ostateczna', content: 'Urząd rozstrzyga…' })).status).toBe(201);
  });
});

describe('the documents of a case', () => {
  test('when the citizen and the office list them, then the opening submission, replies (in) and letters (out) come oldest first with their files', async () => {
    const number = await sharedCase('Wniosek o ustalenie numeru porządkowego');
    const callId = (await callForCompletion(service, office.official.token, number)).body.id;
    const replied = (await reply(service, applicant.token, number, { content: 'Uzupełniam.', callId, attachments: [textFile('mapa.txt', 'mapa')] })).body;
    const letter = (await sendLetter(service, office.official.token, number, { title: 'Zawiadomienie', content: 'Nadano numer 12.', attachments: [pdf('zawiadomienie.pdf')] })).body;

    const citizenList = await caseGet(service, keyHolder.token, 'citizen', number, '/documents');
    expect(citizenList.status).toBe(200);
    const items = citizenList.body.items;
    expect(items.map((d: any) => [d.kind, d.direction])).toEqual([['submission', 'in'], ['reply', 'in'], ['letter', 'out']]);
    expect(items[0]).toEqual({ id: expect.any(String), kind: 'submission', direction: 'in', title: 'Wniosek o ustalenie numeru porządkowego', at: expect.any(String), attachments: [], openedAt: null });
    expect(items[1]).toMatchObject({ id: replied.id, at: replied.submittedAt, openedAt: null });
    expect(items[1].attachments).toEqual([{ id: expect.any(String), filename: 'mapa.txt', contentType: 'text/plain', sizeBytes: 4, sha256: createHash('sha256').update('mapa').digest('hex') }]);
    expect(items[2]).toMatchObject({ id: letter.id, kind: 'letter', title: 'Zawiadomienie', openedAt: null });
    expect(items.map((d: any) => d.at)).toEqual([...items.map((d: any) => d.at)].sort());

    for (const token of [office.official.token, office.registrar.token, office.admin.token]) {
      const res = await caseGet(service, token, 'office', number, '/documents');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual(items);
    }
  });

  test('when a stranger or another unit asks for the documents, then 404; the staff reading is in the audit log', async () => {
    const number = await sharedCase('Wniosek o dofinansowanie');
    expect((await caseGet(service, stranger.token, 'citizen', number, '/documents')).status).toBe(404);
    expect((await caseGet(service, otherOfficial.token, 'office', number, '/documents')).status).toBe(404);
    expect((await caseGet(service, office.registrar.token, 'office', number, '/documents')).status).toBe(200);
    const log = (await service.api('GET', `/api/v1/admin/audit?actor=${office.registrar.login}&action=case.documents_read`, { token: office.admin.token })).body.items;
    expect(log[0]).toMatchObject({ actor: office.registrar.login, action: 'case.documents_read', subject: number });
  });

  test('when a file of a document is downloaded, then its bytes come as a safe attachment; staff downloads are in the audit log', async () => {
    const number = await sharedCase('Wniosek o kopię dokumentów');
    const html = { filename: 'strona\u202Egpj.html', contentType: 'text/html', dataBase64: Buffer.from('<script>alert(1)</script>').toString('base64') };
    const replied = (await reply(service, applicant.token, number, { content: 'Plik.', attachments: [html] })).body;
    const letter = (await sendLetter(service, office.official.token, number, { title: 'Odpowiedź', content: 'W załączeniu.', attachments: [pdf('odpowiedź.pdf')] })).body;
    const docs = (await caseGet(service, applicant.token, 'citizen', number, '/documents')).body.items;
    const replyFile = docs.find((d: any) => d.id === replied.id).attachments[0];
    const letterFile = docs.find((d: any) => d.id === letter.id).attachments[0];

    const own = await caseGet(service, keyHolder.token, 'citizen', number, `/documents/${replied.id}/attachments/${replyFile.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toBe('<script>alert(1)</script>');
    expect(own.headers.get('content-type')).toBe('application/octet-stream');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(own.headers.get('content-disposition')).not.toContain('\u202E');

    const out = await caseGet(service, office.official.token, 'office', number, `/documents/${letter.id}/attachments/${letterFile.id}`);
    expect(out.status).toBe(200);
    expect(out.headers.get('content-type')).toBe('application/pdf');
    expect(out.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('odpowiedź.pdf')}`);
    const log = (await service.api('GET', `/api/v1/admin/audit?actor=${office.official.login}&action=case.document_file_read`, { token: office.admin.token })).body.items;
    expect(log[0]).toMatchObject({ subject: number, details: { documentId: letter.id, attachmentId: letterFile.id } });
  });

  test('when a file is asked for under the wrong document, the wrong case, or by someone not allowed, then 404', async () => {
    const number = await sharedCase('Wniosek o udostępnienie informacji');
    const other = await sharedCase('Wniosek o udostępnienie akt');
    const letter = (await sendLetter(service, office.official.token, number, { title: 'Informacja', content: 'W załączeniu.', attachments: [pdf('informacja.pdf')] })).body;
    const fileId = (await caseGet(service, applicant.token, 'citizen', number, '/documents')).body.items.find((d: any) => d.id === letter.id).attachments[0].id;
    const openingId = (await caseGet(service, applicant.token, 'citizen', number, '/documents')).body.items[0].id;
    const attempts: Array<[string, 'citizen' | 'office', string, string]> = [
      [stranger.token, 'citizen', number, `/documents/${letter.id}/attachments/${fileId}`],
      [otherOfficial.token, 'office', number, `/documents/${letter.id}/attachments/${fileId}`],
      [applicant.token, 'citizen', other, `/documents/${letter.id}/attachments/${fileId}`],
      [applicant.token, 'citizen', number, `/documents/${openingId}/attachments/${fileId}`],
      [office.official.token, 'office', other, `/documents/${letter.id}/attachments/${fileId}`],
    ];
    for (const [token, side, caseNumber, rest] of attempts) expect((await caseGet(service, token, side, caseNumber, rest)).status).toBe(404);
    expect((await caseGet(service, applicant.token, 'citizen', number, `/documents/${letter.id}/attachments/x`)).status).toBe(400);
  });
});
