import { codeIn } from '../../support/mail-catcher';
import { createAdmin } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

/** Posts a page's form as a browser would (same origin, the session cookie). */
const post = (path: string, fields: Record<string, string>, token?: string) =>
  fetch(`${service.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.baseUrl, ...(token ? { cookie: `sesja=${token}` } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
const get = (path: string, token?: string) => fetch(`${service.baseUrl}${path}`, { redirect: 'manual', headers: token ? { cookie: `sesja=${token}` } : {} });
const cookieOf = (res: Response) => /sesja=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;
const me = (token: string) => service.api('GET', '/api/v1/me', { token });

describe('/nie-pamietam-hasla', () => {
  test('when the login is sent, then the next step asks for the code and a new password, with labels as the contract names them', async () => {
    const citizen = await service.citizen();
    const res = await post('/nie-pamietam-hasla', { login: citizen.login });
    expect(res.status).toBe(303);
    const next = res.headers.get('location')!;
    expect(next).toBe(`/nie-pamietam-hasla/nowe-haslo?login=${citizen.login}&wyslano=1`);
    const html = await (await get(next)).text();
    expect(html).toMatch(/<label for="login">Login<\/label>/);
    expect(html).toMatch(/<label for="code">Kod resetowania hasła<\/label>/);
    expect(html).toMatch(/<label for="password">Nowe hasło<\/label>/);
    expect(html).toContain(`value="${citizen.login}"`);
  });

  test('when the code is wrong or the password weak, then the form comes back with the error at its field', async () => {
    const citizen = await service.citizen();
    await post('/nie-pamietam-hasla', { login: citizen.login });
    const wrong = await post('/nie-pamietam-hasla/nowe-haslo', { login: citizen.login, code: 'ZZZZZZZZ', password: 'Nowe-Mocne-Haslo-Zimowe' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/<p class="field-error" id="code-error">.*Kod resetowania hasła jest niepoprawny/);
    const weak = await post('/nie-pamietam-hasla/nowe-haslo', { login: citizen.login, code: 'ZZZZZZZZ', password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toMatch(/<p class="field-error" id="password-error">.*zbyt popularne/);
    const empty = await post('/nie-pamietam-hasla', { login: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Wpisz login.');
  });

  test('when the login page is shown, then it links to the password reset', async () => {
    expect(await (await get('/logowanie')).text()).toContain('href="/nie-pamietam-hasla"');
  });
});

describe('/moje-konto', () => {
  let citizen: Citizen;
  beforeAll(async () => {
    citizen = await service.citizen();
  });

  test('when a citizen opens it, then it has the password, address, notifications, data and deletion sections, and the header links to it', async () => {
    const html = await (await get('/moje-konto', citizen.token)).text();
    for (const text of ['Zmiana hasła', 'Zmiana adresu e-mail', 'Powiadomienia', 'Pobierz moje dane', 'Usuń konto', 'href="/skrzynka/ustawienia"', citizen.email]) expect(html).toContain(text);
    expect(html).toMatch(/<label for="newPassword">Nowe hasło<\/label>/);
    expect(await (await get('/skrzynka', citizen.token)).text()).toContain('href="/moje-konto"');
  });

  test('when a staff member opens it, then the same page without the citizen sections, and without a login it leads to /logowanie', async () => {
    const admin = await createAdmin(service);
    const html = await (await get('/moje-konto', admin.token)).text();
    expect(html).toContain('Zmiana hasła');
    expect(html).not.toContain('href="/moje-konto/usun"');
    const anonymous = await get('/moje-konto');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/logowanie\?next=/);
    expect((await get('/moje-konto/usun', admin.token)).status).toBe(403);
  });

  test('when the password is changed on the page, then the person stays logged in with a fresh cookie while the other sessions end', async () => {
    const person = await service.citizen();
    const elsewhere = await service.login(person.login, person.password);
    const res = await post('/moje-konto/haslo', { currentPassword: person.password, newPassword: 'Nowe-Haslo-Ze-Strony-2026' }, person.token);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/moje-konto?haslo-zmienione=1');
    const fresh = cookieOf(res);
    expect(fresh).not.toBeNull();
    expect((await me(fresh!)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await me(person.token)).status).toBe(401);
    const page = await get('/moje-konto?haslo-zmienione=1', fresh!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Hasło zostało zmienione');
  });

  test('when the current password is wrong, then the form comes back with the error at that field and nothing changes', async () => {
    const res = await post('/moje-konto/haslo', { currentPassword: 'Nie-To-Haslo-Wcale', newPassword: 'Nowe-Haslo-Ze-Strony-2026' }, citizen.token);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/<p class="field-error" id="currentPassword-error">.*Hasło jest niepoprawne/);
    expect((await me(citizen.token)).status).toBe(200);
  });

  test('when the address is changed with the code step, then the page shows the new address; a wrong password lands at its field', async () => {
    const person = await service.citizen();
    const badPassword = await post('/moje-konto/adres', { email: `x.${person.login}@example.pl`, emailPassword: 'Nie-To-Haslo-Wcale' }, person.token);
    expect(badPassword.status).toBe(400);
    expect(await badPassword.text()).toMatch(/<p class="field-error" id="emailPassword-error">.*Hasło jest niepoprawne/);
    const newEmail = `strona.${person.login}@example.pl`;
    const asked = await post('/moje-konto/adres', { email: newEmail, emailPassword: person.password }, person.token);
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/moje-konto?kod-wyslany=1#adres');
    const code = codeIn(await service.mail.waitFor(newEmail, /Potwierdź nowy adres/), 'Kod potwierdzenia adresu');
    const wrong = await post('/moje-konto/adres/potwierdz', { emailCode: 'ZZZZZZZZ' }, person.token);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/<p class="field-error" id="emailCode-error">.*Kod potwierdzenia adresu jest niepoprawny/);
    const confirmed = await post('/moje-konto/adres/potwierdz', { emailCode: code }, person.token);
    expect(confirmed.status).toBe(303);
    expect(await (await get(confirmed.headers.get('location')!, person.token)).text()).toContain(newEmail);
  });

  test('when "Pobierz moje dane" is followed, then a JSON file download of the export', async () => {
    const res = await get('/moje-konto/dane', citizen.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="moje-dane-\d{4}-\d\d-\d\d\.json"/);
    const data = await res.json();
    expect(data.account.login).toBe(citizen.login);
  });

  test('when the account is deleted on the confirmation page, then the page said what stays with cases, the cookie is cleared and login says it is gone', async () => {
    const person = await service.citizen();
    const confirmation = await (await get('/moje-konto/usun', person.token)).text();
    expect(confirmation).toContain('Co zostanie w urzędzie');
    expect(confirmation).toContain('pod imieniem i nazwiskiem');
    const wrong = await post('/moje-konto/usun', { password: 'Nie-To-Haslo-Wcale' }, person.token);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/<p class="field-error" id="password-error">.*Hasło jest niepoprawne/);
    const res = await post('/moje-konto/usun', { password: person.password }, person.token);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/logowanie?konto-usuniete=1');
    expect(res.headers.get('set-cookie')).toMatch(/sesja=;/);
    expect((await me(person.token)).status).toBe(401);
    expect(await (await get('/logowanie?konto-usuniete=1')).text()).toContain('Konto zostało usunięte');
  });
});
