import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
let citizen: Citizen;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen({ firstName: 'Grażyna', lastName: 'Żółkiewska' });
});
afterAll(() => service.stop());

describe('GET /api/v1/office/submissions', () => {
  test('when documents arrived, then the registrar sees each (newest first) with its sender, attachments and status, and waiting ones oldest first', async () => {
    const pdf = Buffer.from('%PDF-1.4');
    const a = await service.api('POST', '/api/v1/submissions', {
      token: citizen.token,
      body: { title: 'Pismo A', content: 'A', requestAccessKey: true, attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') }] },
    });
    const b = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Pismo B', content: 'B' } });
    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Z pisma B', submissionId: b.body.id },
    });

    const all = await service.api('GET', '/api/v1/office/submissions', { token: office.registrar.token });
    expect(all.status).toBe(200);
    const mine = all.body.items.filter((i: any) => [a.body.id, b.body.id].includes(i.id));
    expect(mine).toEqual([
      {
        id: b.body.id,
        title: 'Pismo B',
        receiptNumber: b.body.receiptNumber,
        submittedAt: b.body.submittedAt,
        status: 'registered',
        requestAccessKey: false,
        sender: { firstName: 'Grażyna', lastName: 'Żółkiewska' },
        attachments: [],
        caseNumber: opened.body.number,
      },
      {
        id: a.body.id,
        title: 'Pismo A',
        receiptNumber: a.body.receiptNumber,
        submittedAt: a.body.submittedAt,
        status: 'received',
        requestAccessKey: true,
        sender: { firstName: 'Grażyna', lastName: 'Żółkiewska' },
        attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', sizeBytes: pdf.length }],
        caseNumber: null,
      },
    ]);

    const received = await service.api('GET', '/api/v1/office/submissions?status=received', { token: office.registrar.token });
    expect(received.body.items.every((i: any) => i.status === 'received')).toBe(true);
    expect(received.body.items.map((i: any) => i.id)).toContain(a.body.id);
    expect(received.body.items.map((i: any) => i.id)).not.toContain(b.body.id);
    const times = received.body.items.map((i: any) => Date.parse(i.submittedAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  test('when the status filter is unknown, then 400; when a citizen or official asks, then 403', async () => {
    expect((await service.api('GET', '/api/v1/office/submissions?status=lost', { token: office.registrar.token })).status).toBe(400);
    expect((await service.api('GET', '/api/v1/office/submissions', { token: citizen.token })).status).toBe(403);
    expect((await service.api('GET', '/api/v1/office/submissions', { token: office.official.token })).status).toBe(403);
  });
});
