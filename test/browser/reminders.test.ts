import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPolishPage, loginThroughPage, reloadUntilVisible } from '../support/browser';
import { caseFromSubmission } from '../support/citizen-cases';
import { createOffice, type Office } from '../support/office';
import { makeOverdue } from '../support/reminders';
import { TestService, type Citizen } from '../support/test-service';

const SKO = 'Samorządowe Kolegium Odwoławcze w Pile';

// A ponaglenie from both sides: the citizen files it on the case page, the registrar passes it on.
describe('ponaglenie (KPA art. 37) on the pages, in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let citizenPage: Page;
  let officePage: Page;
  let office: Office;
  let citizen: Citizen;
  let stranger: Citizen;
  let caseNumber: string;

  const newPage = async () => {
    const page = await newPolishPage(browser);
    return page;
  };
  const reminderSection = (page: Page) => page.getByRole('region', { name: `Ponaglenie w sprawie ${caseNumber}` });

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    [citizenPage, officePage] = await Promise.all([newPage(), newPage()]);
    office = await createOffice(service);
    [citizen, stranger] = await Promise.all([service.citizen(), service.citizen()]);
    caseNumber = (await caseFromSubmission(service, office, citizen, 'Wniosek o pozwolenie na wycinkę drzew')).number;
    await makeOverdue(service, caseNumber);
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when the citizen opens an overdue case from "Moje sprawy", then the page shows its facts, that it is overdue, and the ponaglenie form with its explanation', async () => {
    await loginThroughPage(citizenPage, service, citizen.login, citizen.password);
    await citizenPage.waitForURL(/\/skrzynka$/);
    await citizenPage.goto(`${service.baseUrl}/moje-sprawy`);
    await citizenPage.getByRole('link', { name: new RegExp(`^${caseNumber.replace(/\./g, '\\.')} — `) }).click();

    await citizenPage.waitForURL(new RegExp(`/moje-sprawy/${caseNumber.replace(/\./g, '\\.')}$`));
    expect(await citizenPage.getByRole('heading', { level: 1 }).textContent()).toBe(`Sprawa ${caseNumber}`);
    await citizenPage.getByText('Wniosek o pozwolenie na wycinkę drzew').first().waitFor();
    await citizenPage.getByText('termin minął, a sprawa nie została załatwiona').waitFor();
    await citizenPage.getByText('Olga Referent').waitFor();
    await citizenPage.getByText(/w ciągu 7 dni organowi wyższego stopnia/).waitFor();
    expect(await citizenPage.getByRole('heading', { name: 'Historia sprawy' }).count()).toBe(1);
  });

  test('when the citizen sends the form empty, then the error is on the field; when filled, then the ponaglenie is shown as waiting and the form is gone', async () => {
    await citizenPage.getByRole('button', { name: 'Złóż ponaglenie' }).click();
    const field = citizenPage.getByLabel(/^Uzasadnienie ponaglenia/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const described = (await field.getAttribute('aria-describedby'))!.split(' ');
    expect(described).toContain('justification-error');
    expect(await citizenPage.locator('#justification-error').textContent()).toContain('Wpisz uzasadnienie ponaglenia');
    await citizenPage.getByRole('alert').getByRole('link', { name: /Wpisz uzasadnienie ponaglenia/ }).waitFor();

    // By keyboard, as a person without a mouse would.
    await field.focus();
    await citizenPage.keyboard.type('Czekam od trzech miesięcy, a termin minął.');
    await citizenPage.keyboard.press('Tab');
    await citizenPage.keyboard.press('Enter');

    await citizenPage.waitForURL(/\?ponaglenie=zlozone$/);
    expect(await citizenPage.getByRole('status').textContent()).toContain('Złożono ponaglenie');
    await citizenPage.getByText(/Czeka na przekazanie; urząd przekaże je do/).waitFor();
    expect(await citizenPage.getByRole('button', { name: 'Złóż ponaglenie' }).count()).toBe(0);
  });

  test('when a citizen opens someone else\'s case or a number that does not exist, then the same 404 page', async () => {
    await loginThroughPage(officePage, service, stranger.login, stranger.password);
    await officePage.waitForURL(/\/skrzynka$/);
    const theirs = await officePage.goto(`${service.baseUrl}/moje-sprawy/${caseNumber}`);
    const theirsText = await officePage.locator('main').textContent();
    const missing = await officePage.goto(`${service.baseUrl}/moje-sprawy/${office.unitSymbol}.6840.999.2026`);
    expect(theirs?.status()).toBe(404);
    expect(missing?.status()).toBe(404);
    expect(await officePage.locator('main').textContent()).toBe(theirsText);
    await officePage.getByRole('button', { name: 'Wyloguj' }).click();
  });

  test('when the registrar opens the ponaglenia from the dashboard and records the forwarding, then it is shown as passed on', async () => {
    await loginThroughPage(officePage, service, office.registrar.login, office.registrar.password);
    await officePage.waitForURL(/\/urzad$/);
    await officePage.getByRole('link', { name: 'Ponaglenia' }).first().click();
    await officePage.waitForURL(/\/urzad\/ponaglenia$/);
    const section = reminderSection(officePage);
    await section.getByText('Czekam od trzech miesięcy, a termin minął.').waitFor();
    expect(await section.getByText('Po terminie przekazania').count()).toBe(0);

    await section.getByRole('button', { name: 'Zapisz przekazanie' }).click();
    expect(await reminderSection(officePage).getByLabel('Przekazano do').getAttribute('aria-invalid')).toBe('true');

    await reminderSection(officePage).getByLabel('Przekazano do').fill(SKO);
    await reminderSection(officePage).getByRole('button', { name: 'Zapisz przekazanie' }).click();
    await officePage.waitForURL(/\/urzad\/ponaglenia\?przekazano=1$/);
    expect(await officePage.getByRole('status').textContent()).toContain('Zapisano przekazanie ponaglenia');
    await reminderSection(officePage).getByText(SKO).waitFor();
    expect(await reminderSection(officePage).getByRole('button', { name: 'Zapisz przekazanie' }).count()).toBe(0);
  });

  test('when a ponaglenie was not passed on by its deadline, then the list marks it "po terminie przekazania"', async () => {
    const late = (await caseFromSubmission(service, office, citizen, 'Wniosek zaległy')).number;
    await makeOverdue(service, late);
    const filed = await service.api('POST', `/api/v1/cases/${late}/reminders`, { token: citizen.token, body: { justification: 'Sprawa stoi.' } });
    await service.ctx.dataSource.query(`UPDATE case_reminders SET filed_at = now() - interval '8 days', forward_by = now() - interval '1 day' WHERE id = $1`, [filed.body.id]);
    await officePage.goto(`${service.baseUrl}/urzad/ponaglenia`);
    await officePage.getByRole('region', { name: `Ponaglenie w sprawie ${late}` }).getByText('Po terminie przekazania').waitFor();
  });

  test('when the ponaglenie has been passed on, then the citizen finds the message in the inbox and the case page says where it went', async () => {
    await reloadUntilVisible(citizenPage, `${service.baseUrl}/skrzynka`, `Ponaglenie w sprawie ${caseNumber} zostało przekazane`);
    await citizenPage.getByRole('link', { name: new RegExp(`Ponaglenie w sprawie ${caseNumber.replace(/\./g, '\\.')} zostało przekazane`) }).first().click();
    await citizenPage.getByText(SKO).first().waitFor();

    await citizenPage.goto(`${service.baseUrl}/moje-sprawy/${caseNumber}`);
    await citizenPage.getByText(SKO).waitFor();
  });
});
