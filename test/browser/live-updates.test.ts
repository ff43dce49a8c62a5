import type { Browser, Page } from 'playwright-core';
import { launchChromium, loginThroughPage } from '../support/browser';
import { TestService } from '../support/test-service';

// The workers start only once the result page is open: the answer can only come live.
describe('live updates in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'pl-PL' })).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when the citizen presses "Sprawdź stan sprawy", then the answer appears on the result page and the unread count changes without a reload', async () => {
    const citizen = await service.citizen();
    await loginThroughPage(page, service, citizen.login, citizen.password);
    await service.stopWorkers();
    await page.goto(`${service.baseUrl}/sprawdz-stan-sprawy`);
    await page.getByLabel(/^Znak sprawy/).fill('LV.6840.3.2026');
    await page.getByRole('button', { name: 'Sprawdź stan sprawy' }).click();
    await page.waitForURL(/\/sprawdz-stan-sprawy\/[0-9a-f-]{36}$/);
    const url = page.url();
    await page.waitForResponse((r) => r.url().endsWith('/api/v1/events')).catch(() => undefined);
    await page.waitForTimeout(300); // the stream is open and has sent its first count
    await service.startWorkers();

    const live = page.locator('[aria-live="polite"]');
    await live.getByText(/Odpowiedź jest w skrzynce:/).waitFor();
    const link = live.getByRole('link');
    expect(await link.getAttribute('href')).toMatch(/^\/skrzynka\/[0-9a-f-]{36}$/);
    await page.locator('.site-nav .badge', { hasText: '1 nowa wiadomość' }).waitFor();
    expect(page.url()).toBe(url);
  });
});
