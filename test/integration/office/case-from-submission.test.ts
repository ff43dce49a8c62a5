import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
let office: Office;
let citizen: Citizen;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
});
afterAll(() => service.stop());

async function inboxOf(token: string) {
  return (await service.api('GET', '/api/v1/inbox', { token })).body;
}

describe('a case opened from an ESP submission', () => {
  test('when a citizen submits and the registrar opens a case asking for a key, then the receipt and the notice with the number and key reach the inbox', async () => {
    const sub = await service.api('POST', '/api/v1/submissions', {
      token: citizen.token,
      body: { title: 'Wniosek o wydanie zaświadczenia', content: 'Proszę o wydanie zaświadczenia.', requestAccessKey: true },
    });
    expect(sub.status).toBe(201);
    expect(sub.body).toEqual({
      id: expect.any(String),
      receiptNumber: expect.stringMatching(/^ESP\/\d{4}\/\d{6}$/),
      submittedAt: expect.any(String),
      sha256: require('node:crypto').createHash('sha256').update('Proszę o wydanie zaświadczenia.').digest('hex'),
      status: 'received',
    });
    await waitUntil(async () => (await inboxOf(citizen.token)).total === 1, 'receipt message');

    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Zaświadczenie', submissionId: sub.body.id, responsibleLogin: office.official.login },
    });
    expect(opened.status).toBe(201);
    expect(opened.body.number).toMatch(new RegExp(`^${office.unitSymbol}\\.6840\\.1\\.\\d{4}$`));
    expect(opened.body.accessKey).toBeUndefined();

    await waitUntil(async () => (await inboxOf(citizen.token)).total === 2, 'case opened message');
    const inbox = await inboxOf(citizen.token);
    const notice = inbox.items[0];
    expect(notice.kind).toBe('case_opened');
    expect(notice.data).toEqual({
      caseNumber: opened.body.number,
      title: 'Zaświadczenie',
      startedAt: opened.body.startedAt,
      dueAt: opened.body.dueAt,
      unitName: office.unitName,
      responsiblePerson: 'Olga Referent',
      accessKey: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
    });
    expect(notice.bodyText).toContain(opened.body.number);
    expect(notice.bodyText).toContain(notice.data.accessKey);
    expect(inbox.items[1].kind).toBe('submission_received');

    const again = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Zaświadczenie', submissionId: sub.body.id },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('submission_already_registered');
  });
});
