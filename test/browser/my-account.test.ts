import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPolishPage, loginThroughPage, registerThroughPages } from '../support/browser';
import { codeIn } from '../support/mail-catcher';
import { TestService } from '../support/test-service';

// /moje-konto as a person uses it, in Chromium: from the header, a new address with its code,
// a new password that keeps this browser logged in, then leaving.
describe('my account in the browser', () => {
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

  test('when a citizen changes the address and the password and then deletes the account, then each step says what happened and the login is free at the end', async () => {
    const citizen = await registerThroughPages(page, service);
    await loginThroughPage(page, service, citizen.login, citizen.password);
    await page.waitForURL(/\/skrzynka/);
    await page.getByRole('link', { name: 'Moje konto' }).click();
    await page.waitForURL(/\/moje-konto$/);

    const newEmail = `nowy.${citizen.login}@example.pl`;
    await page.getByLabel(/^Adres e-mail \(nowy\)/).fill(newEmail);
    await page.locator('#emailPassword').fill(citizen.password);
    await page.getByRole('button', { name: 'Wyślij kod na nowy adres' }).click();
    await page.waitForURL(/kod-wyslany=1/);
    const code = codeIn(await service.mail.waitFor(newEmail, /Potwierdź nowy adres/), 'Kod potwierdzenia adresu');
    await page.getByLabel(/^Kod potwierdzenia adresu/).fill(code);
    await page.getByRole('button', { name: 'Potwierdź nowy adres' }).click();
    await page.waitForURL(/adres-zmieniony=1/);
    expect(await page.getByRole('status').textContent()).toContain('Adres e-mail został zmieniony');
    expect(await page.locator('dl.facts').textContent()).toContain(newEmail);

    await page.getByLabel(/^Hasło, którym logujesz się teraz/).fill(citizen.password);
    await page.getByLabel(/^Nowe hasło/).fill('Nowe-Haslo-Z-Mojego-Konta');
    await page.getByRole('button', { name: 'Zmień hasło' }).click();
    await page.waitForURL(/haslo-zmienione=1/);
    // Still logged in here, with the fresh cookie.
    await page.goto(`${service.baseUrl}/skrzynka`);
    expect(page.url()).toMatch(/\/skrzynka$/);

    await page.goto(`${service.baseUrl}/moje-konto`);
    await page.getByRole('link', { name: 'Usuń konto' }).click();
    await page.waitForURL(/\/moje-konto\/usun$/);
    await page.getByLabel(/^Hasło/).fill('Nowe-Haslo-Z-Mojego-Konta');
    await page.getByRole('button', { name: 'Usuń konto na zawsze' }).click();
    await page.waitForURL(/\/logowanie\?konto-usuniete=1/);
    expect(await page.getByRole('status').textContent()).toContain('Konto zostało usunięte');
    await page.goto(`${service.baseUrl}/skrzynka`);
    expect(page.url()).toMatch(/\/logowanie\?next=/);

    // The login can be registered again, by anyone.
    await registerThroughPages(page, service, { login: citizen.login });
  });
});
