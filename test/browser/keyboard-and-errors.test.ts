/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPolishPage, loginThroughPage } from '../support/browser';
import { activationCodeIn } from '../support/mail-catcher';
import type { Citizen } from '../support/test-service';
import { newCitizenData, TestService } from '../support/test-service';

/** The id of the focused element (or its tag when it has none). */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');

/** Presses Tab until the element with `id` has focus (a deadline of 40 presses), as a keyboard user would. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

// Keyboard only: every form is reached with Tab, filled by typing and sent with Enter.
describe('pages by keyboard, and errors people can act on', () => {
  const service = new TestService();
  let browser: Browser;
  let page: Page;
  let citizen: Citizen;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    page = await newPolishPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when a page opens, then the first Tab reaches "Przejdź do treści", which moves focus to the main content', async () => {
    await page.goto(`${service.baseUrl}/rejestracja`);
    await page.screenshot({ path: '/tmp/web-rejestracja.png', fullPage: true });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Przejdź do treści');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('tresc');
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
  });

  test('when a person registers, activates and logs in with the keyboard only, then they reach the inbox', async () => {
    const data = newCitizenData();
    await page.goto(`${service.baseUrl}/rejestracja`);
    await tabTo(page, 'login');
    // A visible focus ring on the field being typed into.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.type(data.login);
    for (const value of [data.email, data.password, data.firstName, data.lastName]) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('acceptTerms');
    await page.keyboard.press('Space'); // a checkbox is ticked with Space
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/aktywacja\?/);

    const code = activationCodeIn(await service.mail.waitFor(data.email, /Kod aktywacyjny/));
    await tabTo(page, 'code'); // the login is already filled in from the link
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/logowanie\?aktywowano/);

    await tabTo(page, 'login');
    await page.keyboard.type(data.login);
    await page.keyboard.press('Tab');
    await page.keyboard.type(data.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/skrzynka$/);
    citizen = { ...data, token: await service.login(data.login, data.password), id: '' };
  });

  test('when the citizen sends a document, enters a key and asks for a status with the keyboard only, then each form answers', async () => {
    await page.goto(`${service.baseUrl}/wyslij-pismo`);
    await tabTo(page, 'title');
    await page.keyboard.type('Podanie klawiaturą');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Treść wpisana bez myszy.');
    await tabTo(page, 'requestAccessKey');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/moje-pisma\?wyslano=/);

    await page.goto(`${service.baseUrl}/klucz-dostepu`);
    await tabTo(page, 'key');
    await page.keyboard.type('0000-0000-0000-0000');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Nie ma ważnego internetowego klucza dostępu');

    await page.goto(`${service.baseUrl}/sprawdz-stan-sprawy`);
    await tabTo(page, 'caseNumber');
    await page.keyboard.type('GN.6840.1.2026');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sprawdz-stan-sprawy\/[0-9a-f-]{36}$/);

    await page.goto(`${service.baseUrl}/skrzynka/ustawienia`);
    await tabTo(page, 'notifyByEmail');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForURL(/zapisano/);
    const me = await service.api('GET', '/api/v1/me', { token: citizen.token });
    expect(me.body.notifyByEmail).toBe(false);
  });

  test('when a wrong password is given, then a focused error summary says so and its link leads to the field', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await loginThroughPage(page, service, citizen.login, 'To-nie-jest-moje-haslo');

    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Login lub hasło są niepoprawne.');
    expect(await focused(page)).toBe('bledy');
    expect(await page.title()).toMatch(/^Błąd: /);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('login');
    expect(await page.getByLabel(/^Login/).inputValue()).toBe(citizen.login);
    expect(await page.getByLabel(/^Hasło/).inputValue()).toBe('');
  });

  test('when the registration form is sent empty, then every field says what is missing, in Polish, tied to the field', async () => {
    await page.goto(`${service.baseUrl}/rejestracja`);
    await page.getByRole('button', { name: 'Załóż konto' }).click();
    const links = await page.getByRole('alert').getByRole('link').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).toEqual([
      ['#login', 'Wpisz login.'],
      ['#email', 'Wpisz adres e-mail.'],
      ['#password', 'Wpisz hasło.'],
      ['#firstName', 'Wpisz imię.'],
      ['#lastName', 'Wpisz nazwisko.'],
      ['#acceptTerms', 'Aby założyć konto, zaakceptuj regulamin.'],
    ]);
    const email = page.getByLabel(/^Adres e-mail/);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email-error').textContent()).toContain('Wpisz adres e-mail.');
    expect((await email.getAttribute('aria-describedby'))?.split(' ')).toEqual(['email-hint', 'email-error']);
  });

  test('when anyone opens the public pages, then each has its heading, and help has an anchor for every API error code', async () => {
    for (const [path, heading] of [
      ['/', 'Stan załatwianych spraw'],
      ['/pomoc', 'Pomoc'],
      ['/regulamin', 'Regulamin usługi „Stan załatwianych spraw”'],
      ['/deklaracja-dostepnosci', 'Deklaracja dostępności'],
    ]) {
      const res = await page.goto(`${service.baseUrl}${path}`);
      expect(res?.status()).toBe(200);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
    }
    const codes = ['validation_failed', 'payload_too_large', 'unauthorized', 'forbidden', 'not_found', 'too_many_requests', 'login_taken', 'invalid_code',
      'invalid_credentials', 'account_not_active', 'invalid_key', 'key_not_found', 'invalid_case_number', 'submission_already_registered', 'case_closed',
      'storage_quota_exceeded', 'not_overdue', 'reminder_pending', 'already_forwarded', 'account_disabled', 'email_taken', 'last_admin', 'mfa_setup_required', 'mfa_enabled'];
    await page.goto(`${service.baseUrl}/pomoc`);
    for (const code of codes) expect(await page.locator(`#blad-${code}`).count()).toBe(1);
    // Every entry of the table of contents leads somewhere on the page.
    const contents = await page.locator('nav[aria-label="Spis treści pomocy"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(contents.length).toBeGreaterThan(8);
    for (const href of contents) expect(await page.locator(href).count()).toBe(1);
    const problem = await service.api('POST', '/api/v1/auth/login', { body: { login: 'nikt', password: 'zle-haslo-123' } });
    expect(problem.body.type).toMatch(/\/pomoc#blad-invalid_credentials$/);
  });

  test('when a page does not exist, then browsers get a Polish page and API clients a problem', async () => {
    const res = await page.goto(`${service.baseUrl}/nie-ma-takiej-strony`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nie znaleziono strony');
    const api = await service.api('GET', '/nie-ma-takiej-strony');
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  test('when a form is posted from another site, then it is refused', async () => {
    const res = await fetch(`${service.baseUrl}/logowanie`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'login=a&password=b',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
  });

  test('when login links back to another site, then it lands on the inbox instead', async () => {
    await page.goto(`${service.baseUrl}/logowanie?next=${encodeURIComponent('//evil.example/x')}`);
    await page.getByLabel(/^Login/).fill(citizen.login);
    await page.getByLabel(/^Hasło/).fill(citizen.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(`${service.baseUrl}/skrzynka`);
  });
});
