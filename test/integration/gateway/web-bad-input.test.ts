import { openPaperCase } from '../../support/cases';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let citizen: Citizen;
let office: Office;
let caseNumber: string;

beforeAll(async () => {
  await service.start();
  citizen = await service.citizen();
  office = await createOffice(service);
  caseNumber = await openPaperCase(service, office);
});
afterAll(() => service.stop());

/** A browser-like page request: HTML wanted, same-origin form posts, the session cookie when logged in. */
async function page(method: 'GET' | 'POST', path: string, options: { form?: Record<string, string>; token?: string } = {}) {
  const headers: Record<string, string> = { accept: 'text/html', origin: service.baseUrl };
  if (options.token) headers.cookie = `sesja=${options.token}`;
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const res = await fetch(service.baseUrl + path, { method, headers, body, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

async function submissionsOf(userId: string): Promise<number> {
  const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE user_id = $1`, [userId]);
  return n;
}

describe('a NUL character (U+0000) in a web form', () => {
  test.each([
    ['/logowanie', () => ({ login: 'jan\u0000', password: 'Zielona-Herbata-1' }), undefined, 'Login'],
    ['/rejestracja', () => ({ login: 'nul.web', email: 'nul.web@example.pl', password: 'Zielona-Herbata-12', firstName: 'Ja\u0000n', lastName: 'K', acceptTerms: 'tak' }), undefined, 'Imię'],
    ['/aktywacja/nowy-kod', () => ({ login: '\u0000' }), undefined, 'Login'],
    ['/klucz-dostepu', () => ({ key: 'ABCD-EFGH-JKMN-PQR\u0000' }), () => citizen.token, 'Internetowy klucz dostępu'],
    ['/sprawdz-stan-sprawy', () => ({ caseNumber: 'GN.6840.1.2026\u0000' }), () => citizen.token, 'Znak sprawy'],
  ])('when POST %s gets one, then the form comes back with 400 and an error at that field', async (path, form, token, label) => {
    const res = await page('POST', path, { form: form(), token: token?.() });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.html).toContain(`Pole „${label}`);
    expect(res.html).toContain('niedozwolony znak');
  });

  test('when a citizen sends a document with one in its content, then 400 with the error at Treść and nothing is stored', async () => {
    const before = await submissionsOf(citizen.id);
    const res = await page('POST', '/wyslij-pismo', { form: { title: 'Pismo', content: 'Tre\u0000ść' }, token: citizen.token });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Pole „Treść pisma” zawiera niedozwolony znak');
    expect(await submissionsOf(citizen.id)).toBe(before);
  });

  test('when an official writes one into a case note, then 400 with the error at the note', async () => {
    const res = await page('POST', `/urzad/sprawy/${encodeURIComponent(caseNumber)}`, { form: { note: 'uwaga\u0000' }, token: office.official.token });
    expect(res.status).toBe(400);
    expect(res.html).toContain('zawiera niedozwolony znak');
  });

  test('when an address holds %00 in the path or the query, then a Polish 400 page', async () => {
    for (const path of ['/urzad/sprawy?szukaj=a%00b', `/urzad/sprawy/${encodeURIComponent(caseNumber)}%00`]) {
      const res = await page('GET', path, { token: office.admin.token });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.type).toMatch(/^text\/html/);
      expect(res.html).toContain('<h1>Niepoprawny adres</h1>');
    }
  });
});

describe('a malformed %-escape in a page address', () => {
  test.each([
    ['/skrzynka/%E0%A4%A', () => citizen.token],
    ['/sprawdz-stan-sprawy/%E0%A4%A', () => citizen.token],
    ['/urzad/sprawy/%E0%A4%A', () => office.admin.token],
    ['/urzad/pisma/%ZZ', () => office.registrar.token],
    ['/skrzynka/%E0%A4%A', () => undefined],
  ])('when GET %s is opened, then a Polish 400 page, not a server error', async (path, token) => {
    const res = await page('GET', path, { token: token() });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.html).toContain('<html lang="pl">');
    expect(res.html).toContain('<h1>Niepoprawny adres</h1>');
    expect(res.html).toContain('niepoprawnie zakodowane znaki');
    expect(res.html).not.toContain('Failed to decode');
  });
});

describe('the "new activation code" form', () => {
  test('when it is sent with the login left empty, then the page asks for the login (400) instead of claiming a code was sent', async () => {
    const res = await page('POST', '/aktywacja/nowy-kod', { form: { login: '  ' } });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Wpisz login, aby dostać nowy kod.');
    expect(res.html).not.toContain('wysłaliśmy na jego adres e-mail nowy kod');
  });

  test('when it is sent with any login, then the same answer comes whether the account exists or not, after a redirect (a reload sends no second code)', async () => {
    const res = await fetch(service.baseUrl + '/aktywacja/nowy-kod', {
      method: 'POST',
      headers: { accept: 'text/html', origin: service.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=nikt.taki',
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location');
    expect(location).toBe('/aktywacja?login=nikt.taki&nowy-kod=1');
    const shown = await page('GET', location!);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('wysłaliśmy na jego adres e-mail nowy kod');
    expect(shown.html).toContain('value="nikt.taki"');
  });
});
