import { randomBytes } from 'node:crypto';
import { serviceWithOffice } from '../../support/office';
import { warsawDate } from '../../../services/shared/office-time';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const page = (path: string, token = office.admin.token) => fetch(`${service.baseUrl}${path}`, { redirect: 'manual', headers: { cookie: `sesja=${token}` } });
/** Posts a form as a browser would (same origin, the session cookie). */
const post = (path: string, fields: Record<string, string>, token = office.admin.token) =>
  fetch(`${service.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.baseUrl, cookie: `sesja=${token}` },
    body: new URLSearchParams(fields).toString(),
  });
const password = 'Mocne-Haslo-Pracownika-2026';

async function newRegistrar() {
  const login = `registrar.${randomBytes(4).toString('hex')}`;
  const res = await service.api('POST', '/api/v1/admin/staff', { token: office.admin.token, body: { login, password, firstName: 'Renata', lastName: 'Nowacka', role: 'registrar' } });
  return { login, id: res.body.id as string, token: await service.login(login, password) };
}

describe('the staff pages /urzad/pracownicy', () => {
  test('when an admin opens the list, then every staff account is there with its role, unit, status and second factor, each linked', async () => {
    const res = await page('/urzad/pracownicy');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`href="/urzad/pracownicy/${office.official.id}"`);
    expect(html).toContain(office.official.login);
    expect(html).toContain('referent');
    expect(html).toContain(office.unitSymbol);
  });

  test('when an admin disables an account on its page, then the person is logged out and cannot log in; enabling lets them back', async () => {
    const registrar = await newRegistrar();
    const off = await post(`/urzad/pracownicy/${registrar.id}/stan`, { stan: 'disabled' });
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe(`/urzad/pracownicy/${registrar.id}?wylaczono=1`);
    expect(await (await page(off.headers.get('location')!)).text()).toContain('Konto zostało wyłączone');
    expect((await page('/urzad', registrar.token)).status).toBe(303);
    expect((await service.api('POST', '/api/v1/auth/login', { body: { login: registrar.login, password } })).body.code).toBe('account_disabled');
    expect((await post(`/urzad/pracownicy/${registrar.id}/stan`, { stan: 'active' })).status).toBe(303);
    expect((await service.api('POST', '/api/v1/auth/login', { body: { login: registrar.login, password } })).status).toBe(200);
  });

  test('when an admin changes the role, unit and address, then they are saved; a bad address comes back at its field', async () => {
    const registrar = await newRegistrar();
    const path = `/urzad/pracownicy/${registrar.id}`;
    const bad = await post(path, { role: 'registrar', unitSymbol: '', email: 'zly@' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/<p class="field-error" id="email-error">.*Podaj poprawny adres e-mail/);
    const noUnit = await post(path, { role: 'official', unitSymbol: '', email: '' });
    expect(noUnit.status).toBe(400);
    expect(await noUnit.text()).toMatch(/<p class="field-error" id="unitSymbol-error">.*Referent musi mieć komórkę/);
    const ok = await post(path, { role: 'official', unitSymbol: office.unitSymbol, email: 'renata.nowacka@urzad.example' });
    expect(ok.status).toBe(303);
    const list = await service.api('GET', '/api/v1/admin/staff', { token: office.admin.token });
    expect(list.body.items.find((s: any) => s.id === registrar.id)).toMatchObject({ role: 'official', unitSymbol: office.unitSymbol, email: 'renata.nowacka@urzad.example' });
  });

  test('when the account is unknown or the caller no admin, then 404 or 403', async () => {
    expect((await page('/urzad/pracownicy/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await page(`/urzad/pracownicy/${office.official.id}`, office.registrar.token)).status).toBe(403);
    expect((await page('/urzad/pracownicy', office.official.token)).status).toBe(403);
    expect((await page('/urzad/pracownicy/nowy')).status).toBe(200);
  });
});

describe('the unit pages /urzad/komorki', () => {
  test('when an admin edits a unit, then it is saved and the list shows it; an empty name comes back at its field', async () => {
    const path = `/urzad/komorki/${office.unitSymbol}`;
    expect(await (await page(path)).text()).toContain('value="Wydział Gospodarki Nieruchomościami"');
    const bad = await post(path, { name: '', phone: '', email: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/<p class="field-error" id="name-error">.*Wpisz nazwę komórki/);
    const ok = await post(path, { name: 'Wydział Geodezji i Nieruchomości', phone: '+48 67 250 00 11', email: '' });
    expect(ok.status).toBe(303);
    const list = await (await page(ok.headers.get('location')!)).text();
    expect(list).toContain('Wydział Geodezji i Nieruchomości');
    expect(list).toContain(`Zapisano dane komórki ${office.unitSymbol}.`);
    const units = await service.api('GET', '/api/v1/admin/units', { token: office.admin.token });
    expect(units.body.items.find((u: any) => u.symbol === office.unitSymbol)).toMatchObject({ phone: '+48 67 250 00 11', email: null });
    expect((await page('/urzad/komorki/NIMA')).status).toBe(404);
  });
});

describe('the audit log page /urzad/dziennik', () => {
  test('when an admin filters by person and action, then only those entries show; by dates, only those days', async () => {
    await service.api('POST', '/api/v1/auth/login', { body: { login: office.registrar.login, password: 'Zupelnie-Zle-Haslo-9' } });
    const res = await page(`/urzad/dziennik?kto=${office.registrar.login}&dzialanie=login.failed`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Znaleziono wpisów: 1.');
    expect(html).toContain('login.failed');
    const today = warsawDate(new Date().toISOString());
    expect(await (await page(`/urzad/dziennik?kto=${office.registrar.login}&dzialanie=login.failed&od=2020-01-01&do=2020-01-31`)).text()).toContain('Znaleziono wpisów: 0.');
    expect(await (await page(`/urzad/dziennik?kto=${office.registrar.login}&dzialanie=login.failed&od=${today}`)).text()).toContain('Znaleziono wpisów: 1.');
  });

  test('when a filter is malformed, then the page says so and shows the whole log', async () => {
    const html = await (await page('/urzad/dziennik?od=2026-02-31&do=2020-01-01')).text();
    expect(html).toContain('Filtr jest niepoprawny');
    expect(html).toContain('Taki dzień nie istnieje.');
  });

  test('when there are more entries than a page, then the pages link to each other keeping the filter', async () => {
    for (let i = 0; i < 21; i++) await service.api('POST', '/api/v1/auth/login', { body: { login: 'ktos.obcy', password: `Zle-Haslo-${i}-abcdef` } });
    const html = await (await page('/urzad/dziennik?kto=ktos.obcy')).text();
    expect(html).toContain('Znaleziono wpisów: 21.');
    expect(html).toContain('(strona 1 z 2)');
    expect(html).toContain('href="/urzad/dziennik?kto&#x3D;ktos.obcy&amp;strona&#x3D;2"');
    expect((await page('/urzad/dziennik', office.official.token)).status).toBe(403);
  });
});
