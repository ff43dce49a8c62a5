import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, loginThroughPage } from '../support/browser';
import { createOffice, type Office } from '../support/office';
import type { Citizen } from '../support/test-service';
import { TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

// The office at work in one browser: the registrar, then the official, then the admin.
describe('office pages in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let office: Office;
  let citizen: Citizen;
  let caseNumber: string;

  const inboxKinds = async () => (await service.api('GET', '/api/v1/inbox', { token: citizen.token })).body.items.map((m: { kind: string }) => m.kind);

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'pl-PL' });
    page = await context.newPage();
    page.setDefaultTimeout(5_000);
    office = await createOffice(service);
    citizen = await service.citizen();
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when the registrar opens a case from an ESP submission on the pages, then the case page shows it and its sender is told', async () => {
    const sent = await service.api('POST', '/api/v1/submissions', { token: citizen.token, body: { title: 'Wniosek o podział działki', content: 'Proszę o podział działki nr 12/3.' } });
    expect(sent.status).toBe(201);

    await loginThroughPage(page, service, office.registrar.login, office.registrar.password);
    await page.waitForURL(/\/urzad$/);
    await page.getByRole('link', { name: 'Pisma z ESP' }).first().click();
    await page.getByRole('row', { name: /Wniosek o podział działki/ }).getByRole('link', { name: /Załóż sprawę/ }).click();
    expect(await page.getByLabel(/^Tytuł/).inputValue()).toBe('Wniosek o podział działki');
    await page.getByLabel(/^Komórka prowadząca/).selectOption(office.unitSymbol);
    await page.getByLabel(/^Symbol klasyfikacyjny JRWA/).fill('6831');
    await page.getByLabel(/^Login osoby odpowiedzialnej/).fill(office.official.login);
    await page.getByRole('button', { name: 'Załóż sprawę' }).click();

    await page.waitForURL(/\/urzad\/sprawy\/[^/?]+\?zalozono=1$/);
    caseNumber = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(caseNumber).toMatch(new RegExp(`^${office.unitSymbol}\\.6831\\.1\\.\\d{4}$`));
    expect(await page.getByRole('status').textContent()).toContain(`Założono sprawę ${caseNumber}.`);
    await waitUntil(async () => (await inboxKinds()).includes('case_opened'), 'case_opened message');
  });

  test('when the registrar opens a paper case with a key (with a double click), then one case is opened, the key is shown once and it works for a citizen', async () => {
    await page.goto(`${service.baseUrl}/urzad/sprawy/nowa`);
    await page.getByLabel(/^Imię/).fill('Anna');
    await page.getByLabel(/^Nazwisko/).fill('Nowak');
    await page.getByLabel(/^Tytuł/).fill('Wniosek o wypis z rejestru gruntów');
    await page.getByLabel(/^Komórka prowadząca/).selectOption(office.unitSymbol);
    await page.getByLabel(/^Symbol klasyfikacyjny JRWA/).fill('6621');
    await page.getByLabel(/^Wydaj internetowy klucz dostępu/).check();
    await page.getByRole('button', { name: 'Załóż sprawę' }).dblclick();

    await page.getByRole('heading', { level: 1, name: /^Założono sprawę / }).waitFor();
    const key = (await page.locator('.key').textContent())!.trim();
    expect(key).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const linked = await service.api('POST', '/api/v1/access-keys', { token: citizen.token, body: { key } });
    expect(linked.status).toBe(200);
    expect(linked.body.case.title).toBe('Wniosek o wypis z rejestru gruntów');
    const [{ n }] = await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE title = 'Wniosek o wypis z rejestru gruntów'`);
    expect(n).toBe(1);
  });

  test('when the official finds the case in the list and changes its status with a note, then the history shows it and the citizen is told', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await loginThroughPage(page, service, office.official.login, office.official.password);
    await page.waitForURL(/\/urzad$/);
    await page.goto(`${service.baseUrl}/urzad/sprawy`);
    await page.getByLabel('Szukaj: znak sprawy lub tytuł').fill('podział działki');
    await page.getByRole('button', { name: 'Filtruj' }).click();
    await page.getByRole('link', { name: caseNumber }).click();

    await page.getByLabel(/^Stan sprawy/).selectOption('in_progress');
    await page.getByLabel(/^Notatka/).fill('Zlecono pomiar geodezyjny.');
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();

    await page.waitForURL(/\?zapisano=1$/);
    await page.getByText('Zlecono pomiar geodezyjny.').waitFor();
    await waitUntil(async () => (await inboxKinds()).includes('case_status_changed'), 'case_status_changed message');
  });

  test('when the official sets a new deadline without a reason, then the reason field says it is needed', async () => {
    await page.getByLabel(/^Nowy termin/).fill('2099-12-31');
    await page.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#reason-error').textContent()).toContain('uzasadnienia');
  });

  test('when a citizen opens an office page, then it is refused; when an admin opens the queue dashboard with the session cookie, then it opens', async () => {
    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await loginThroughPage(page, service, citizen.login, citizen.password);
    await page.waitForURL(/\/skrzynka$/);
    const refused = await page.goto(`${service.baseUrl}/urzad/sprawy`);
    expect(refused?.status()).toBe(403);

    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await loginThroughPage(page, service, office.admin.login, office.admin.password);
    await page.waitForURL(/\/urzad$/);
    const dashboard = await page.goto(`${service.baseUrl}/admin/queues`);
    expect(dashboard?.status()).toBe(200);
  });
});
