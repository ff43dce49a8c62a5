import { chromium, type Browser, type Page } from 'playwright-core';
import { activationCodeIn } from './mail-catcher';
import { newCitizenData, type CitizenData, type TestService } from './test-service';

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page in a fresh browser context with Polish as its language, its waits bounded by `timeoutMs`. */
export async function newPolishPage(browser: Browser, timeoutMs = 5_000): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'pl-PL' })).newPage();
  page.setDefaultTimeout(timeoutMs);
  return page;
}

/** Logs in through /logowanie (by label, as a person would). */
export async function loginThroughPage(page: Page, service: TestService, login: string, password: string): Promise<void> {
  await page.goto(`${service.baseUrl}/logowanie`);
  await page.getByLabel(/^Login/).fill(login);
  await page.getByLabel(/^Hasło/).fill(password);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
}

/** Registers and activates a citizen through the pages; returns the data used. */
export async function registerThroughPages(page: Page, service: TestService, overrides: Partial<CitizenData> = {}): Promise<CitizenData> {
  const data = newCitizenData(overrides);
  await page.goto(`${service.baseUrl}/rejestracja`);
  await page.getByLabel(/^Login/).fill(data.login);
  await page.getByLabel(/^Adres e-mail/).fill(data.email);
  await page.getByLabel(/^Hasło/).fill(data.password);
  await page.getByLabel(/^Imię/).fill(data.firstName);
  await page.getByLabel(/^Nazwisko/).fill(data.lastName);
  await page.getByLabel(/^Akceptuję regulamin/).check();
  await page.getByRole('button', { name: 'Załóż konto' }).click();
  await page.waitForURL(/\/aktywacja\?/);
  const mail = await service.mail.waitFor(data.email, /Kod aktywacyjny|aktywac/i);
  await page.getByLabel(/^Kod aktywacyjny/).fill(activationCodeIn(mail));
  await page.getByRole('button', { name: 'Aktywuj konto' }).click();
  await page.waitForURL(/\/logowanie\?aktywowano/);
  return data;
}

/** Reloads `url` until `text` shows on it, with a deadline (answers arrive through the queue). */
export async function reloadUntilVisible(page: Page, url: string, text: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    if (await page.getByText(text).first().isVisible()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(text)} on ${url}`);
    await page.waitForTimeout(100);
  }
}
