import { changeCase, openCaseFromSubmission } from '../../support/cases';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
let citizen: Citizen;
let number: string;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
  number = await openCaseFromSubmission(service, office, citizen, 'Wniosek o decyzję o warunkach zabudowy');
});
afterAll(() => service.stop());

const page = async () => (await fetch(`${service.baseUrl}/moje-sprawy/${encodeURIComponent(number)}`, { headers: { cookie: `sesja=${citizen.token}` } })).text();

describe('the deadline on the citizen\'s case page', () => {
  test('when the case was paused and given a new date, then the page shows the pause with its reason, the new date with its reason, and the rule in words', async () => {
    expect((await changeCase(service, office.official.token, number, { status: 'awaiting_applicant', note: 'Brak mapy do celów projektowych' })).status).toBe(200);
    const paused = await page();
    expect(paused).toContain('termin nie biegnie od');
    expect(paused).toContain('— trwa: Oczekuje na uzupełnienie (Brak mapy do celów projektowych)');

    expect((await changeCase(service, office.official.token, number, { status: 'in_progress' })).status).toBe(200);
    expect((await changeCase(service, office.official.token, number, { dueAt: '2099-03-15T22:59:59.999Z', reason: 'Konieczność uzyskania opinii konserwatora' })).status).toBe(200);
    const html = await page();
    expect(html).toContain('Przerwy w biegu terminu');
    expect(html).not.toContain('termin nie biegnie od');
    expect(html).toContain('Nowe terminy wyznaczone przez urząd (art. 36 KPA)');
    expect(html).toContain('Konieczność uzyskania opinii konserwatora');
    expect(html).toContain('termin przesuwa się o każdy dzień takiej przerwy');
    expect(html).toContain('brak danych — urząd załatwił za mało podobnych spraw');
  });
});
