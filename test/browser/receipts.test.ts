import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, loginThroughPage } from '../support/browser';
import { attachment, submitWithFiles } from '../support/letters';
import { pdfText } from '../support/pdf-text';
import { independentlyValid } from '../support/receipt-check';
import { TestService, type Citizen } from '../support/test-service';

// A citizen reads a letter they sent, downloads its receipt as PDF and as JSON, and then checks
// the JSON on /sprawdz-potwierdzenie in a browser that is not logged in, as anyone would.
describe('receipts in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let citizen: Citizen;
  let sent: Awaited<ReturnType<typeof submitWithFiles>>;
  let receiptJsonPath: string;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'pl-PL', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(5_000);
    citizen = await service.citizen({ firstName: 'Bożena', lastName: 'Łęcka' });
    sent = await submitWithFiles(service, citizen, 'Wniosek o wydanie zaświadczenia', 'Proszę o zaświadczenie.', [attachment('skan wniosku.pdf', Buffer.from('%PDF-1.4 skan'))]);
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when the citizen opens the letter from Moje pisma and downloads the PDF receipt, then the PDF holds the receipt number and the Polish name', async () => {
    await loginThroughPage(page, service, citizen.login, citizen.password);
    await page.waitForURL(/\/skrzynka$/);
    await page.getByRole('link', { name: 'Moje pisma' }).click();
    await page.getByRole('link', { name: /Wniosek o wydanie zaświadczenia/ }).click();
    await page.waitForURL(new RegExp(`/moje-pisma/${sent.id}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Wniosek o wydanie zaświadczenia');
    await page.getByText(sent.receiptNumber).first().waitFor();

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Pobierz potwierdzenie (PDF)' }).click()]);
    expect(pdfDownload.suggestedFilename()).toBe(`potwierdzenie-${sent.receiptNumber.replace(/\//g, '-')}.pdf`);
    const { text } = await pdfText(readFileSync((await pdfDownload.path())!));
    expect(text).toContain(sent.receiptNumber);
    expect(text).toContain('Bożena Łęcka');
    expect(text).toContain('Urzędowe potwierdzenie odbioru');

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Pobierz potwierdzenie (JSON)' }).click()]);
    receiptJsonPath = (await jsonDownload.path())!;
    const signed = JSON.parse(readFileSync(receiptJsonPath, 'utf8'));
    const jwk = await (await fetch(`${service.baseUrl}/api/v1/receipts/public-key`)).json();
    expect(independentlyValid(signed.receipt, signed.signature, jwk)).toBe(true);
  });

  test('when anyone uploads that file on /sprawdz-potwierdzenie without logging in, then the page says it is genuine; pasted and altered, that it is not', async () => {
    const anonymous = await browser.newContext({ locale: 'pl-PL' });
    const other = await anonymous.newPage();
    other.setDefaultTimeout(5_000);
    try {
      await other.goto(`${service.baseUrl}/`);
      await other.getByRole('link', { name: 'Sprawdź, czy jest prawdziwe' }).click();
      await other.waitForURL(/\/sprawdz-potwierdzenie$/);
      await other.getByLabel(/^Albo wybierz plik/).setInputFiles(receiptJsonPath);
      await other.getByRole('button', { name: 'Sprawdź potwierdzenie' }).click();
      await other.getByRole('status').filter({ hasText: 'Potwierdzenie jest prawdziwe' }).waitFor();
      await other.getByText('Bożena Łęcka').waitFor();

      const altered = readFileSync(receiptJsonPath, 'utf8').replace('Wniosek o wydanie zaświadczenia', 'Wniosek o wydanie pozwolenia');
      await other.getByLabel(/^Potwierdzenie odbioru w formacie JSON/).fill(altered);
      await other.getByRole('button', { name: 'Sprawdź potwierdzenie' }).click();
      await other.getByRole('alert').filter({ hasText: 'Potwierdzenie nie jest prawdziwe' }).waitFor();
    } finally {
      await anonymous.close();
    }
  });
});
