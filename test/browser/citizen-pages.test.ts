import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, loginThroughPage, registerThroughPages, reloadUntilVisible } from '../support/browser';
import { createOffice, type Office } from '../support/office';
import type { CitizenData } from '../support/test-service';
import { TestService } from '../support/test-service';

// One citizen walks through the service in one browser page, step by step, as a person would.
describe('citizen pages in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let office: Office;
  let citizen: CitizenData;
  let caseNumber: string;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'pl-PL' });
    page = await context.newPage();
    page.setDefaultTimeout(5_000);
    office = await createOffice(service);
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when a person registers and activates through the pages and logs in, then they see their empty inbox', async () => {
    citizen = await registerThroughPages(page, service);
    await expectText(page, 'Konto zostało aktywowane');

    await loginThroughPage(page, service, citizen.login, citizen.password);

    await page.waitForURL(/\/skrzynka$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Skrzynka kontaktowa');
    await expectText(page, 'Skrzynka jest pusta');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'sesja')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  test('when the citizen sends a document, then the page gives its receipt number and the receipt message arrives in the inbox', async () => {
    await page.goto(`${service.baseUrl}/wyslij-pismo`);
    await page.getByLabel(/^Tytuł/).fill('Wniosek o wydanie zaświadczenia');
    await page.getByLabel(/^Treść/).fill('Proszę o wydanie zaświadczenia o niezaleganiu w podatkach.');
    await page.getByLabel(/internetowego klucza dostępu/).check();
    await page.getByLabel(/^Załączniki/).setInputFiles({ name: 'zaświadczenie-wniosek.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 wniosek') });
    await page.getByRole('button', { name: 'Wyślij pismo' }).click();

    await page.waitForURL(/\/moje-pisma\?wyslano=/);
    const notice = await page.getByRole('status').textContent();
    expect(notice).toMatch(/Pismo „Wniosek o wydanie zaświadczenia” zostało przyjęte\. Numer potwierdzenia odbioru: ESP\/\d{4}\/\d+/);
    const [attachment] = await service.ctx.dataSource.query(
      `SELECT a.filename, a.content_type FROM submission_attachments a JOIN submissions s ON s.id = a.submission_id WHERE s.title = 'Wniosek o wydanie zaświadczenia'`,
    );
    expect(attachment).toEqual({ filename: 'zaświadczenie-wniosek.pdf', content_type: 'application/pdf' });

    await reloadUntilVisible(page, `${service.baseUrl}/skrzynka`, /Potwierdzenie odbioru pisma/);
    await page.getByRole('link', { name: /Potwierdzenie odbioru pisma/ }).click();
    await expectText(page, 'Wniosek o wydanie zaświadczenia');
    await page.screenshot({ path: '/tmp/web-inbox-message.png', fullPage: true });
  });

  test('when a case was opened from the document and the citizen presses "Sprawdź stan sprawy", then the answer with the case facts is in the inbox', async () => {
    const submissions = await service.api('GET', '/api/v1/office/submissions?status=received', { token: office.registrar.token });
    const submission = submissions.body.items.find((s: { title: string }) => s.title === 'Wniosek o wydanie zaświadczenia');
    const opened = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '3110', title: 'Zaświadczenie o niezaleganiu', submissionId: submission.id },
    });
    expect(opened.status).toBe(201);
    caseNumber = opened.body.number;

    await page.goto(`${service.baseUrl}/sprawdz-stan-sprawy`);
    await page.getByLabel(/^Znak sprawy/).fill(caseNumber.toLowerCase());
    await page.getByRole('button', { name: 'Sprawdź stan sprawy', exact: true }).click();

    await page.waitForURL(/\/sprawdz-stan-sprawy\/[0-9a-f-]{36}$/);
    await expectText(page, `Przyjęliśmy prośbę o stan sprawy ${caseNumber}`);
    await expectText(page, 'Odpowiedź przyjdzie do Twojej skrzynki kontaktowej');
    await reloadUntilVisible(page, `${service.baseUrl}/skrzynka`, `Stan sprawy ${caseNumber}: Zarejestrowana`);
    await page.getByRole('link', { name: `Stan sprawy ${caseNumber}: Zarejestrowana` }).click();
    await expectText(page, office.unitName);
  });

  test('when the citizen asks about a number that is not theirs, then the page says the same as for their own case', async () => {
    await page.goto(`${service.baseUrl}/sprawdz-stan-sprawy`);
    await page.getByLabel(/^Znak sprawy/).fill('ZZ.1111.99999.2026');
    await page.getByRole('button', { name: 'Sprawdź stan sprawy', exact: true }).click();
    await page.waitForURL(/\/sprawdz-stan-sprawy\/[0-9a-f-]{36}$/);
    await expectText(page, 'Przyjęliśmy prośbę o stan sprawy ZZ.1111.99999.2026');
    expect(await page.content()).not.toMatch(/nie znaleziono|nie istnieje/i);
  });

  test("when the citizen enters a paper case's access key, then the case shows on /moje-sprawy", async () => {
    const paper = await service.api('POST', '/api/v1/office/cases', {
      token: office.registrar.token,
      body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Podział nieruchomości', applicant: { firstName: 'Jan', lastName: 'Kowalski' }, issueAccessKey: true },
    });
    expect(paper.status).toBe(201);

    await page.goto(`${service.baseUrl}/klucz-dostepu`);
    await page.getByLabel(/^Internetowy klucz dostępu/).fill(paper.body.accessKey.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Dodaj sprawę' }).click();

    await page.waitForURL(/\/moje-sprawy\?dodano=/);
    await expectText(page, `Sprawa ${paper.body.number} została dodana do Twojego konta.`);
    await expectText(page, `${paper.body.number} — Podział nieruchomości`);
    await expectText(page, `${caseNumber} — Zaświadczenie o niezaleganiu`);
  });

  test('when a wrong access key is entered, then the error summary links to the field and the field says what is wrong', async () => {
    await page.goto(`${service.baseUrl}/klucz-dostepu`);
    await page.getByLabel(/^Internetowy klucz dostępu/).fill('ABCD');
    await page.getByRole('button', { name: 'Dodaj sprawę' }).click();

    const summary = page.getByRole('alert');
    await expectText(summary, 'Wystąpił problem');
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#key');
    const field = page.getByLabel(/^Internetowy klucz dostępu/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('key-error');
  });

  test('when the inbox is read on a phone (360 px), then its table fits the screen, caption included', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.goto(`${service.baseUrl}/skrzynka`);
      const overflow = await page.evaluate(() => {
        const wrap = document.querySelector('.table-wrap');
        return wrap ? wrap.scrollWidth - wrap.clientWidth : -1;
      });
      expect(overflow).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  test('when the citizen double-clicks "Wyślij pismo", then one letter is sent and the page shows its receipt number', async () => {
    await page.goto(`${service.baseUrl}/wyslij-pismo`);
    await page.getByLabel(/^Tytuł/).fill('Wniosek wysłany dwuklikiem');
    await page.getByLabel(/^Treść/).fill('Proszę o wydanie wypisu z rejestru gruntów.');
    await page.getByRole('button', { name: 'Wyślij pismo' }).dblclick();

    await page.waitForURL(/\/moje-pisma\?wyslano=/);
    expect(await page.getByRole('status').textContent()).toMatch(/Pismo „Wniosek wysłany dwuklikiem” zostało przyjęte\./);
    const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE title = 'Wniosek wysłany dwuklikiem'`);
    expect(n).toBe(1);
  });

  test('when the citizen logs out, then the inbox asks them to log in again', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.waitForURL(/\/logowanie\?wylogowano/);
    await page.goto(`${service.baseUrl}/skrzynka`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/logowanie?next=%2Fskrzynka');
  });
});

async function expectText(scope: Page | ReturnType<Page['getByRole']>, text: string): Promise<void> {
  await scope.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 5_000 });
}
