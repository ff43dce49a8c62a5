import { randomBytes } from 'node:crypto';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';
import { totpCode } from '../../support/totp';

const service = new TestService();
const office = serviceWithOffice(service);

const password = 'Mocne-Haslo-Pracownika-2026';
const post = (path: string, fields: Record<string, string>, cookie = '') =>
  fetch(`${service.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: service.baseUrl, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });

/** A registrar with two-step login on (set up through the API). */
async function registrarWithTwoStep() {
  const login = `registrar.${randomBytes(4).toString('hex')}`;
  const created = await service.api('POST', '/api/v1/admin/staff', { token: office.admin.token, body: { login, password, firstName: 'Ewa', lastName: 'Nowak', role: 'registrar' } });
  const token = await service.login(login, password);
  const setup = await service.api('POST', '/api/v1/me/mfa', { token });
  await service.api('POST', '/api/v1/me/mfa/confirm', { token, body: { code: totpCode(setup.body.secret) } });
  return { login, id: created.body.id as string, secret: setup.body.secret as string };
}

/** The hidden mfaToken of the second step's page. */
const mfaTokenIn = (html: string) => /name="mfaToken" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('the login second step on the pages', () => {
  test('when the password is right, then the page asks for "Kod z aplikacji"; a wrong code comes back at its field; the right one logs in', async () => {
    const staff = await registrarWithTwoStep();
    const first = await post('/logowanie', { login: staff.login, password });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toMatch(/<label for="code">Kod z aplikacji<\/label>/);
    expect(first.headers.get('set-cookie')).toBeNull();
    const mfaToken = mfaTokenIn(html);
    const good = totpCode(staff.secret, Date.now() + 30_000);
    const wrong = await post('/logowanie/kod', { mfaToken, code: String((Number(good) + 1) % 1_000_000).padStart(6, '0') });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toMatch(/<p class="field-error" id="code-error">.*Kod z aplikacji jest niepoprawny/);
    const empty = await post('/logowanie/kod', { mfaToken, code: '' });
    expect(await empty.text()).toMatch(/<p class="field-error" id="code-error">.*Wpisz kod z aplikacji/);
    const ok = await post('/logowanie/kod', { mfaToken, code: good });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/urzad');
    expect(ok.headers.get('set-cookie')).toMatch(/^sesja=/);
  });

  test('when the second step comes after its 5 minutes or twice, then the page sends the person to log in again', async () => {
    const staff = await registrarWithTwoStep();
    const mfaToken = mfaTokenIn(await (await post('/logowanie', { login: staff.login, password })).text());
    await service.ctx.dataSource.query(`UPDATE mfa_challenges SET expires_at = now() - interval '1 second'`);
    const late = await post('/logowanie/kod', { mfaToken, code: totpCode(staff.secret, Date.now() + 30_000) });
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe('/logowanie?kod-wygasl=1');
    const notice = await (await fetch(`${service.baseUrl}/logowanie?kod-wygasl=1`)).text();
    expect(notice).toContain('Czas na wpisanie kodu minął.');
  });

  test('when a citizen opens /moje-konto, then there is no two-step section; staff see it', async () => {
    const citizen = await service.citizen();
    const page = await (await fetch(`${service.baseUrl}/moje-konto`, { headers: { cookie: `sesja=${citizen.token}` } })).text();
    expect(page).not.toContain('Logowanie dwuetapowe');
    const staffPage = await (await fetch(`${service.baseUrl}/moje-konto`, { headers: { cookie: `sesja=${office.registrar.token}` } })).text();
    expect(staffPage).toContain('Logowanie dwuetapowe jest <strong>wyłączone</strong>');
    expect((await fetch(`${service.baseUrl}/moje-konto/logowanie-dwuetapowe`, { headers: { cookie: `sesja=${citizen.token}` }, redirect: 'manual' })).status).toBe(403);
  });
});
