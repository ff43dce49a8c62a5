import { changeCase, officialOfAnotherUnit, openPaperCase } from '../../support/cases';
import { createOffice, uniqueUnitSymbol, type Office } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
let office: Office;
let numbers: string[];
const list = async (query: string) => service.api('GET', `/api/v1/office/cases?${query}`, { token: office.official.token });

beforeAll(async () => {
  await service.start({ workers: false });
  office = await createOffice(service);
  numbers = [];
  for (const title of ['Pozwolenie na budowę garażu', 'Podział nieruchomości', 'Zaświadczenie o 100% udziale', 'Pozwolenie na wycinkę drzew']) {
    numbers.push(await openPaperCase(service, office, { title }));
  }
  await changeCase(service, office.official.token, numbers[1], { status: 'in_progress' });
  await changeCase(service, office.official.token, numbers[3], { status: 'in_progress' });
});
afterAll(() => service.stop());

describe('the office list of cases', () => {
  test('when filtered by unit, then every case of the unit comes newest first with the total', async () => {
    const res = await list(`unit=${office.unitSymbol.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((c: any) => c.number)).toEqual([...numbers].reverse());
    expect(res.body.items[0]).toEqual({
      number: numbers[3],
      title: 'Pozwolenie na wycinkę drzew',
      status: 'in_progress',
      statusLabel: 'W toku',
      startedAt: expect.any(String),
      endedAt: null,
      dueAt: expect.any(String),
      overdue: false,
      pausedSince: null,
      expectedBy: null,
      unit: { symbol: office.unitSymbol, name: office.unitName, phone: '+48 67 250 00 00', email: 'gn@urzad.example' },
      responsiblePerson: null,
    });
  });

  test('when filtered by status, then only cases in that status are listed and counted', async () => {
    const res = await list(`unit=${office.unitSymbol}&status=in_progress`);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((c: any) => c.number)).toEqual([numbers[3], numbers[1]]);
  });

  test('when paged, then limit and offset cut the page and the total stays the whole count', async () => {
    const first = await list(`unit=${office.unitSymbol}&limit=3`);
    expect(first.body.items.map((c: any) => c.number)).toEqual([numbers[3], numbers[2], numbers[1]]);
    expect(first.body.total).toBe(4);
    const second = await list(`unit=${office.unitSymbol}&limit=3&offset=3`);
    expect(second.body.items.map((c: any) => c.number)).toEqual([numbers[0]]);
    expect(second.body.total).toBe(4);
    const beyond = await list(`unit=${office.unitSymbol}&limit=3&offset=10`);
    expect(beyond.body).toEqual({ items: [], total: 4 });
  });

  test('when q is given, then it matches title or number case-insensitively, and % is literal', async () => {
    const byTitle = await list(`unit=${office.unitSymbol}&q=${encodeURIComponent('  POZWOLENIE ')}`);
    expect(byTitle.body.items.map((c: any) => c.number)).toEqual([numbers[3], numbers[0]]);
    expect(byTitle.body.total).toBe(2);
    const byNumber = await list(`q=${encodeURIComponent(numbers[2].toLowerCase())}`);
    expect(byNumber.body.items.map((c: any) => c.number)).toEqual([numbers[2]]);
    const percent = await list(`unit=${office.unitSymbol}&q=${encodeURIComponent('100%')}`);
    expect(percent.body.items.map((c: any) => c.number)).toEqual([numbers[2]]);
    const wildcard = await list(`unit=${office.unitSymbol}&q=${encodeURIComponent('%')}`);
    expect(wildcard.body.items.map((c: any) => c.number)).toEqual([numbers[2]]);
  });

  test('when another unit has cases, then the unit filter keeps them apart', async () => {
    const symbol = uniqueUnitSymbol();
    await officialOfAnotherUnit(service, symbol);
    const res = await list(`unit=${symbol}`);
    expect(res.body).toEqual({ items: [], total: 0 });
  });

  test.each(['status=open', 'limit=0', 'limit=101', 'offset=-1', 'unit=9X', 'colour=red'])('when the query has %s, then 400 validation_failed', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  test('when limit is left out, then at most 20 come', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(20);
    expect(res.body.total).toBeGreaterThanOrEqual(4);
  });
});
