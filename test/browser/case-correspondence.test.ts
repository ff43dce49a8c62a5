import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, loginThroughPage, reloadUntilVisible } from '../support/browser';
import { caseFromSubmission } from '../support/citizen-cases';
import { callDueDate } from '../support/correspondence';
import { createOffice, type Office } from '../support/office';
import { TestService, type Citizen } from '../support/test-service';

const WHAT = 'Proszę dołączyć kopię mapy zasadniczej w skali 1:500.';
const FILE_TEXT = 'Mapa zasadnicza, arkusz 12.';

// A call for completion from both sides: the official calls, the citizen reads it in the inbox
// and answers with a file on the case page, the official downloads the file.
describe('call for completion and reply on the pages, in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let citizenPage: Page;
  let officePage: Page;
  let office: Office;
  let citizen: Citizen;
  let caseNumber: string;
  const escaped = () => caseNumber.replace(/\./g, '\\.');

  const newPage = async () => {
    const page = await (await browser.newContext({ locale: 'pl-PL', acceptDownloads: true })).newPage();
    page.setDefaultTimeout(5_000);
    return page;
  };

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    [citizenPage, officePage] = await Promise.all([newPage(), newPage()]);
    office = await createOffice(service);
    citizen = await service.citizen();
    caseNumber = (await caseFromSubmission(service, office, citizen, 'Wniosek o warunki zabudowy')).number;
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when the official sends the call form with a date too soon, then the error is at the date and the text stays; corrected, the case waits for the applicant', async () => {
    await loginThroughPage(officePage, service, office.official.login, office.official.password);
    await officePage.waitForURL(/\/urzad/);
    await officePage.goto(`${service.baseUrl}/urzad/sprawy/${encodeURIComponent(caseNumber)}`);
    await officePage.getByLabel(/^Co strona ma uzupełnić/).fill(WHAT);
    await officePage.getByLabel(/^Termin na uzupełnienie/).fill(callDueDate(-1));
    await officePage.getByRole('button', { name: 'Wyślij wezwanie' }).click();

    const date = officePage.getByLabel(/^Termin na uzupełnienie/);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await date.getAttribute('aria-describedby')).toContain('dueDate-error');
    await officePage.getByRole('alert').getByRole('link', { name: /co najmniej 7 dni/ }).waitFor();
    expect(await officePage.getByLabel(/^Co strona ma uzupełnić/).inputValue()).toBe(WHAT);

    await date.fill(callDueDate());
    await officePage.getByRole('button', { name: 'Wyślij wezwanie' }).click();
    await officePage.waitForURL(/\?wezwano=1#wezwania$/);
    expect(await officePage.getByRole('status').textContent()).toContain('Wysłano wezwanie do uzupełnienia');
    await officePage.locator('.facts .tag', { hasText: 'Oczekuje na uzupełnienie' }).waitFor();
  });

  test('when the citizen opens the inbox, then the call is there with what to complete and by when', async () => {
    await loginThroughPage(citizenPage, service, citizen.login, citizen.password);
    await citizenPage.waitForURL(/\/skrzynka$/);
    const subject = new RegExp(`Wezwanie do uzupełnienia wniosku w sprawie ${escaped()}`);
    await reloadUntilVisible(citizenPage, `${service.baseUrl}/skrzynka`, subject);
    await citizenPage.getByRole('link', { name: subject }).click();
    await citizenPage.getByText(WHAT).waitFor();
    await citizenPage.getByText(/włącznie/).first().waitFor();
  });

  test('when the citizen replies with a file on the case page, then the receipt number is shown and the call is answered', async () => {
    await citizenPage.goto(`${service.baseUrl}/moje-sprawy/${encodeURIComponent(caseNumber)}`);
    await citizenPage.getByText(WHAT, { exact: true }).waitFor();
    await citizenPage.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    const content = citizenPage.getByLabel(/^Treść odpowiedzi/);
    expect(await content.getAttribute('aria-invalid')).toBe('true');

    await content.fill('W załączeniu przesyłam mapę.');
    await citizenPage.getByLabel(/^Załączniki/).setInputFiles({ name: 'mapa-zasadnicza.txt', mimeType: 'text/plain', buffer: Buffer.from(FILE_TEXT) });
    await citizenPage.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await citizenPage.waitForURL(/\?odpowiedz=/);
    expect(await citizenPage.getByRole('status').textContent()).toMatch(/Odpowiedź została przyjęta\. Numer potwierdzenia odbioru: ESP\//);
    await citizenPage.getByText('Odpowiedziano').waitFor();
    await citizenPage.getByRole('link', { name: 'mapa-zasadnicza.txt' }).waitFor();
  });

  test('when the official opens the case again, then it is in progress and the file of the reply downloads', async () => {
    await officePage.goto(`${service.baseUrl}/urzad/sprawy/${encodeURIComponent(caseNumber)}`);
    await officePage.locator('.facts .tag', { hasText: 'W toku' }).waitFor();
    const [download] = await Promise.all([officePage.waitForEvent('download'), officePage.getByRole('link', { name: 'mapa-zasadnicza.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('mapa-zasadnicza.txt');
    expect(await readFile((await download.path())!, 'utf8')).toBe(FILE_TEXT);
  });
});
