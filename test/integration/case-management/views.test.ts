import { changeCase, openPaperCase } from '../../support/cases';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const db = () => service.ctx.dataSource;
const list = async (query: string, token = office.official.token) => (await service.api('GET', `/api/v1/office/cases?unit=${office.unitSymbol}&${query}`, { token })).body;
const setDue = (number: string, interval: string) => db().query(`UPDATE cases SET due_at = now() + $2::interval WHERE number = $1`, [number, interval]);

let late: string;
let lateButPaused: string;
let soon: string;
let later: string;
let mine: string;

beforeAll(async () => {
  [late, lateButPaused, soon, later, mine] = [await openPaperCase(service, office), await openPaperCase(service, office), await openPaperCase(service, office), await openPaperCase(service, office), await openPaperCase(service, office, { responsibleLogin: office.official.login })];
  await setDue(late, '-2 days');
  await setDue(lateButPaused, '-3 days');
  expect((await changeCase(service, office.official.token, lateButPaused, { status: 'suspended' })).status).toBe(200);
  await setDue(soon, '3 days');
  await setDue(later, '20 days');
  await setDue(mine, '5 days');
});

describe('the office views of the case list', () => {
  test('when the view is overdue, then only running cases past their deadline are listed, oldest deadline first', async () => {
    const res = await list('view=overdue');
    expect(res.items.map((c: any) => c.number)).toEqual([late]);
    expect(res.items[0].overdue).toBe(true);
  });

  test('when the view is due_soon, then the running cases due within 7 days, soonest first', async () => {
    expect((await list('view=due_soon')).items.map((c: any) => c.number)).toEqual([soon, mine]);
  });

  test('when the view is mine, then only the caller\'s own cases', async () => {
    expect((await list('view=mine')).items.map((c: any) => c.number)).toEqual([mine]);
    expect((await list('view=mine', office.registrar.token)).items).toEqual([]);
  });

  test('when the view is unknown, then 400 on view', async () => {
    const res = await service.api('GET', '/api/v1/office/cases?view=wszystkie', { token: office.official.token });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['view']);
  });

  test('when the counts per unit are asked for, then open, overdue and due-soon cases of each unit', async () => {
    const res = await service.api('GET', '/api/v1/office/case-counts', { token: office.registrar.token });
    expect(res.status).toBe(200);
    expect(res.body.items.find((u: any) => u.unitSymbol === office.unitSymbol)).toEqual({ unitSymbol: office.unitSymbol, unitName: office.unitName, open: 5, overdue: 1, dueSoon: 2 });
  });

  test('when an official opens the page view "po terminie", then the page lists that case and the counts table', async () => {
    const page = await fetch(`${service.baseUrl}/urzad/sprawy?widok=po-terminie`, { headers: { cookie: `sesja=${office.official.token}` } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(late);
    expect(html).not.toContain(soon);
    expect(html).toContain('Po terminie, według terminu');
    expect(html).toContain('<caption>Sprawy w komórkach</caption>');
    expect(html).toMatch(/aria-current="page"><strong>Po terminie/);
  });
});
