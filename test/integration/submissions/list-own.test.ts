import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
let anna: Citizen;
let bartek: Citizen;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  [anna, bartek] = await Promise.all([service.citizen({ firstName: 'Anna' }), service.citizen({ firstName: 'Bartek' })]);
});
afterAll(() => service.stop());

const submit = (who: Citizen, title: string) => service.api('POST', '/api/v1/submissions', { token: who.token, body: { title, content: 'Treść' } });

describe('GET /api/v1/submissions', () => {
  test('when two citizens have sent documents, then each sees only their own, newest first, with the case number once a case is opened', async () => {
    const first = await submit(anna, 'Pierwsze pismo Anny');
    const second = await submit(anna, 'Drugie pismo Anny');
    const others = await submit(bartek, 'Pismo Bartka');
    expect([first.status, second.status, others.status]).toEqual([201, 201, 201]);

    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Sprawa z pisma', submissionId: first.body.id },
    });
    expect(opened.status).toBe(201);

    const list = await service.api('GET', '/api/v1/submissions', { token: anna.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [
        { id: second.body.id, title: 'Drugie pismo Anny', receiptNumber: second.body.receiptNumber, submittedAt: second.body.submittedAt, status: 'received', caseNumber: null },
        { id: first.body.id, title: 'Pierwsze pismo Anny', receiptNumber: first.body.receiptNumber, submittedAt: first.body.submittedAt, status: 'registered', caseNumber: opened.body.number },
      ],
    });
    const bartekList = await service.api('GET', '/api/v1/submissions', { token: bartek.token });
    expect(bartekList.body.items.map((i: any) => i.id)).toEqual([others.body.id]);
  });

  test('when a staff member calls it, then 403 forbidden', async () => {
    const res = await service.api('GET', '/api/v1/submissions', { token: office.registrar.token });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    const post = await service.api('POST', '/api/v1/submissions', { token: office.official.token, body: { title: 'x', content: 'y' } });
    expect(post.status).toBe(403);
  });

  test('when there is no token, then 401 unauthorized', async () => {
    const res = await service.api('GET', '/api/v1/submissions');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
    const post = await service.api('POST', '/api/v1/submissions', { body: { title: 'x', content: 'y' } });
    expect(post.status).toBe(401);
  });
});
