import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPolishPage, loginThroughPage } from '../support/browser';
import { TestService } from '../support/test-service';

// The workers start only once the result page is open: the answer can only come live.
describe('live updates in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    page = await newPolishPage(browser, 10_000);
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
    const page = await newPolishPage(browser, 10_000);
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
  test('when a message lands while the inbox is open, then it goes on top of the list, the polite region names it and the counts change without a reload', async () => {
    const page = await newPolishPage(browser, 10_000);
    const citizen = await service.citizen();
    await loginThroughPage(page, service, citizen.login, citizen.password);
    const stream = page.waitForResponse((r) => r.url().endsWith('/api/v1/events'));
    await page.goto(`${service.baseUrl}/skrzynka`);
    await page.getByText('Skrzynka jest pusta').waitFor();
    await stream;
    await page.waitForTimeout(300); // the stream has sent its first count
    await page.evaluate(() => Object.assign(window, { drawnOnce: true }));

    const first = await service.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: 'LV.6840.5.2026' } });
    expect(first.status).toBe(202);
    const notice = page.locator('[aria-live="polite"][data-live-inbox-notice]');
    await notice.getByText(/^Nowa wiadomość w skrzynce: .+/).waitFor();
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByText('Skrzynka jest pusta').count()).toBe(0);
    expect(await page.getByRole('table').isVisible()).toBe(true);
    await page.locator('[data-live-inbox-total]', { hasText: /^1$/ }).waitFor();
    await page.locator('[data-live-inbox-unread]', { hasText: /^1$/ }).waitFor();
    const firstLink = rows.first().getByRole('link');
    expect(await firstLink.getAttribute('href')).toMatch(/^\/skrzynka\/[0-9a-f-]{36}$/);
    expect(await rows.first().getByText('Nowa').count()).toBe(1);
    // The date as the server writes it (Polish, office time zone), in a machine-readable <time>.
    const time = rows.first().locator('time');
    expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await time.textContent()).toMatch(/\d{4}/);

    const second = await service.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: 'LV.6840.6.2026' } });
    expect(second.status).toBe(202);
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await page.locator('[data-live-inbox-total]', { hasText: /^2$/ }).waitFor();
    await page.locator('.site-nav .badge', { hasText: '2 nowe wiadomości' }).waitFor();
    // Newest on top: the second answer is the first row, and each message is listed once.
    const hrefs = await rows.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(2);
    const newest = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
    expect(hrefs[0]).toBe(`/skrzynka/${newest.body.items[0].id}`);
    expect(await page.evaluate(() => (window as unknown as { drawnOnce?: boolean }).drawnOnce)).toBe(true);
  });

  test('when JavaScript is off, then an empty inbox shows only its panel, as before', async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL', javaScriptEnabled: false })).newPage();
    page.setDefaultTimeout(10_000);
    const citizen = await service.citizen();
    await loginThroughPage(page, service, citizen.login, citizen.password);
    await page.goto(`${service.baseUrl}/skrzynka`);
    expect(await page.getByText('Skrzynka jest pusta').isVisible()).toBe(true);
    expect(await page.getByRole('table').isVisible()).toBe(false);
    expect(await page.getByText(/^Wiadomości:/).isVisible()).toBe(false);
  });
});

