import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPolishPage, loginThroughPage, registerThroughPages } from '../support/browser';
import { codeIn } from '../support/mail-catcher';
import { TestService } from '../support/test-service';

// A person who forgot the password, from the login page to the inbox with a new one, in Chromium.
describe('password reset in the browser', () => {
  const service = new TestService();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    page = await newPolishPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when a person asks for a code from the login page and sets a new password with it, then the old password stops working and the new one logs in', async () => {
    const citizen = await registerThroughPages(page, service);
    const oldSession = await service.login(citizen.login, citizen.password);

    await page.goto(`${service.baseUrl}/logowanie`);
    await page.getByRole('link', { name: 'Nie pamiętasz hasła?' }).click();
    await page.waitForURL(/\/nie-pamietam-hasla$/);
    await page.getByLabel(/^Login/).fill(citizen.login);
    await page.getByRole('button', { name: 'Wyślij kod' }).click();
    await page.waitForURL(/\/nie-pamietam-hasla\/nowe-haslo\?/);
    expect(await page.getByRole('status').textContent()).toContain('wysłaliśmy na jego adres e-mail kod resetowania hasła');
    // The login came along from the first step.
    expect(await page.getByLabel(/^Login/).inputValue()).toBe(citizen.login);

    const code = codeIn(await service.mail.waitFor(citizen.email, /Kod resetowania hasła/), 'Kod resetowania hasła');
    // A wrong code first: the error sits at the code's field.
    await page.getByLabel(/^Kod resetowania hasła/).fill('ZZZZZZZZ');
    await page.getByLabel(/^Nowe hasło/).fill('Nowe-Haslo-Z-Przegladarki');
    await page.getByRole('button', { name: 'Ustaw nowe hasło' }).click();
    expect(await page.locator('#code-error').textContent()).toContain('Kod resetowania hasła jest niepoprawny');
    expect(await page.getByLabel(/^Kod resetowania hasła/).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel(/^Kod resetowania hasła/).fill(code);
    await page.getByLabel(/^Nowe hasło/).fill('Nowe-Haslo-Z-Przegladarki');
    await page.getByRole('button', { name: 'Ustaw nowe hasło' }).click();
    await page.waitForURL(/\/logowanie\?haslo-zmienione=1/);
    expect(await page.getByRole('status').textContent()).toContain('Hasło zostało zmienione');

    expect((await service.api('GET', '/api/v1/me', { token: oldSession })).status).toBe(401);
    await loginThroughPage(page, service, citizen.login, citizen.password);
    expect(await page.getByRole('alert').textContent()).toContain('Login lub hasło są niepoprawne');
    await loginThroughPage(page, service, citizen.login, 'Nowe-Haslo-Z-Przegladarki');
    await page.waitForURL(/\/skrzynka/);
    await service.mail.waitFor(citizen.email, /Hasło do Twojego konta zostało zmienione/);
  });
});
