import { officialOfAnotherUnit, openPaperCase } from '../../support/cases';
import { serviceWithOffice, uniqueUnitSymbol } from '../../support/office';
import { TestService } from '../../support/test-service';

// The "responsible person" field takes an official's login; the pages suggest them by name.
const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

async function html(path: string, token: string): Promise<string> {
  const res = await fetch(service.baseUrl + path, { headers: { accept: 'text/html', cookie: `sesja=${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The suggestions of the page's responsible-person field: [login, label] pairs. */
function suggestions(page: string): string[][] {
  const list = /<datalist id="responsibleLogin-suggestions">([\s\S]*?)<\/datalist>/.exec(page)?.[1] ?? '';
  return [...list.matchAll(/<option value="([^"]*)">([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
}

describe('suggested responsible officials', () => {
  test('when a registrar opens a paper case, then the field suggests officials with their names and units, and is tied to the list', async () => {
    const other = await officialOfAnotherUnit(service, uniqueUnitSymbol());
    const page = await html('/urzad/sprawy/nowa', office.registrar.token);
    expect(page).toContain('list="responsibleLogin-suggestions"');
    const offered = suggestions(page);
    expect(offered).toEqual(expect.arrayContaining([[office.official.login, `Olga Referent (${office.unitSymbol})`]]));
    expect(offered.map(([login]) => login)).toContain(other.login);
  });

  test('when an official opens a case of their unit, then only that unit\'s officials are suggested', async () => {
    const other = await officialOfAnotherUnit(service, uniqueUnitSymbol());
    const number = await openPaperCase(service, office);
    const offered = suggestions(await html(`/urzad/sprawy/${encodeURIComponent(number)}`, office.official.token));
    expect(offered).toEqual([[office.official.login, `Olga Referent (${office.unitSymbol})`]]);
    expect(offered.map(([login]) => login)).not.toContain(other.login);
  });
});
