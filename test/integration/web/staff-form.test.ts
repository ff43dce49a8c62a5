import { randomBytes } from 'node:crypto';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

/** Posts the admin's staff form as a browser would (same origin, the admin's session cookie). */
const post = (fields: Record<string, string>, token = office.admin.token) =>
  fetch(`${service.baseUrl}/urzad/pracownicy/nowy`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.baseUrl, cookie: `sesja=${token}` },
    body: new URLSearchParams(fields).toString(),
  });
const fields = (extra: Record<string, string> = {}) => ({
  firstName: 'Olga', lastName: 'Terminowa', login: `olga.${randomBytes(4).toString('hex')}`, password: 'Mocne-Haslo-Pracownika-2026', role: 'official', unitSymbol: office.unitSymbol, ...extra,
});

describe('the admin\'s staff form /urzad/pracownicy/nowy', () => {
  test('when an admin fills it in with an address, then the account exists with that address and the dashboard says so', async () => {
    const form = fields({ email: 'olga.terminowa@urzad.example' });
    const res = await post(form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/urzad?pracownik=${form.login}`);
    const [row] = await service.ctx.dataSource.query(`SELECT email, role FROM users WHERE login = $1`, [form.login]);
    expect(row).toEqual({ email: 'olga.terminowa@urzad.example', role: 'official' });
    const dashboard = await (await fetch(`${service.baseUrl}${res.headers.get('location')}`, { headers: { cookie: `sesja=${office.admin.token}` } })).text();
    expect(dashboard).toContain(`Założono konto pracownika ${form.login}.`);
  });

  test('when the address is malformed or taken, then the form comes back with the error at Adres e-mail and the text kept', async () => {
    const bad = await post(fields({ email: 'olga@' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Podaj poprawny adres e-mail');
    // The message sits at the e-mail field (its error paragraph), not only in the summary.
    expect(html).toMatch(/<p class="field-error" id="[^"]*email[^"]*-error">.*Podaj poprawny adres e-mail/);
    expect(html).toContain('value="Terminowa"');
    const email = `wspolny.${randomBytes(3).toString('hex')}@urzad.example`;
    expect((await post(fields({ email }))).status).toBe(303);
    const taken = await post(fields({ email }));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toMatch(/<p class="field-error" id="[^"]*email[^"]*-error">.*Ten adres e-mail ma już inne konto/);
  });

  test('when someone who is not an admin opens it, then 403', async () => {
    const res = await fetch(`${service.baseUrl}/urzad/pracownicy/nowy`, { headers: { cookie: `sesja=${office.registrar.token}`, accept: 'text/html' } });
    expect(res.status).toBe(403);
  });
});
