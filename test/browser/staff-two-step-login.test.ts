import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPolishPage, loginThroughPage } from '../support/browser';
import { createOffice, type Office } from '../support/office';
import { TestService } from '../support/test-service';
import { totpCode } from '../support/totp';

// A registrar sets up two-step login on /moje-konto, logs out, and logs in again with a code.
describe('staff two-step login in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let page: Page;
  let office: Office;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    page = await newPolishPage(browser);
    office = await createOffice(service);
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when a registrar sets up two-step login with the QR page, then the next login asks for the code from the app and lets them in with it', async () => {
    const { login, password } = office.registrar;
    await loginThroughPage(page, service, login, password);
    await page.waitForURL(/\/urzad$/);

    await page.goto(`${service.baseUrl}/moje-konto`);
    await page.getByRole('link', { name: 'Włącz logowanie dwuetapowe' }).click();
    await page.getByRole('button', { name: 'Ustaw logowanie dwuetapowe' }).click();
    // The QR code is drawn on the server as SVG; the key under it is what the app would read.
    expect(await page.locator('figure.qr-code svg').count()).toBe(1);
    const secret = (await page.locator('#mfa-secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel(/^Kod z aplikacji/).fill('000000' === totpCode(secret) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Włącz logowanie dwuetapowe' }).click();
    await page.getByText('Kod z aplikacji jest niepoprawny').first().waitFor();
    expect(await page.locator('figure.qr-code').count()).toBe(0);

    await page.getByLabel(/^Kod z aplikacji/).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Włącz logowanie dwuetapowe' }).click();
    await page.waitForURL(/\/moje-konto\?dwuetapowe=1$/);
    await page.getByText('Logowanie dwuetapowe jest włączone').first().waitFor();

    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.waitForURL(/\/logowanie\?wylogowano=1$/);

    await loginThroughPage(page, service, login, password);
    await page.getByRole('heading', { name: 'Kod z aplikacji' }).waitFor();
    await page.getByLabel(/^Kod z aplikacji/).fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(/\/urzad$/);
    const me = await service.api('GET', '/api/v1/admin/staff', { token: office.admin.token });
    expect(me.body.items.find((s: { login: string }) => s.login === login).mfa).toBe(true);
  });
});
