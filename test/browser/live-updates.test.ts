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

  test('when the answer lands before the stream of the page opens, then the page notices (a higher count) and shows the answer', async () => {
    // A browser context of its own: the first test's citizen is still logged in in the shared one,
    // and /logowanie sends a logged-in person on instead of showing the form.
    const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage();
    page.setDefaultTimeout(10_000);
    const citizen = await service.citizen();
    await loginThroughPage(page, service, citizen.login, citizen.password);
    await service.stopWorkers();
    // Hold the page's stream until the answer is in the inbox.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/events', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`${service.baseUrl}/sprawdz-stan-sprawy`);
      await page.getByLabel(/^Znak sprawy/).fill('LV.6840.4.2026');
      await page.getByRole('button', { name: 'Sprawdź stan sprawy' }).click();
      await page.waitForURL(/\/sprawdz-stan-sprawy\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').at(-1)!;
      await service.startWorkers();
      const deadline = Date.now() + 10_000;
      while ((await service.api('GET', `/api/v1/status-checks/${id}`, { token: citizen.token })).body.status !== 'delivered') {
        if (Date.now() > deadline) throw new Error('the answer did not land');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      release();
      await page.getByRole('link', { name: 'Przeczytaj odpowiedź' }).waitFor();
    } finally {
      release();
      await page.unroute('**/api/v1/events');
    }
  });
});

