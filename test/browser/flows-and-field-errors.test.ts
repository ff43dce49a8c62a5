import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, loginThroughPage, registerThroughPages } from '../support/browser';
import { openPaperCase } from '../support/cases';
import { activationCodeIn } from '../support/mail-catcher';
import { createOffice, type Office } from '../support/office';
import { newCitizenData, TestService, type CitizenData } from '../support/test-service';

/** The error shown at a field: its text, and whether the field points to it for screen readers. */
async function fieldError(page: Page, label: RegExp, id: string): Promise<{ text: string; describedBy: string[]; invalid: string | null; summaryHref: string[] }> {
  const field = page.getByLabel(label);
  return {
    text: ((await page.locator(`#${id}-error`).textContent()) ?? '').replace('Błąd: ', '').trim(),
    describedBy: ((await field.getAttribute('aria-describedby')) ?? '').split(' '),
    invalid: await field.getAttribute('aria-invalid'),
    summaryHref: await page.getByRole('alert').getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')),
  };
}

/** Ends the page session as an expired or revoked token would: the token is refused from then on. */
async function revokeSession(service: TestService, context: BrowserContext): Promise<void> {
  const cookie = (await context.cookies()).find((c) => c.name === 'sesja');
  if (!cookie) throw new Error('no session cookie');
  const res = await service.api('POST', '/api/v1/auth/logout', { token: cookie.value });
  expect(res.status).toBe(204);
}

// People who take a wrong turn: wrong code, a taken login, an account not yet active, a session
// that ended, an office page of another role. Citizens and office staff in separate contexts.
describe('page flows and errors at the right field, in Chromium', () => {
  const service = new TestService();
  let browser: Browser;
  let citizenContext: BrowserContext;
  let officeContext: BrowserContext;
  let page: Page;
  let officePage: Page;
  let office: Office;
  let citizen: CitizenData;

  beforeAll(async () => {
    await service.start();
    browser = await launchChromium();
    citizenContext = await browser.newContext({ locale: 'pl-PL' });
    officeContext = await browser.newContext({ locale: 'pl-PL' });
    page = await citizenContext.newPage();
    officePage = await officeContext.newPage();
    page.setDefaultTimeout(5_000);
    officePage.setDefaultTimeout(5_000);
    office = await createOffice(service);
  });

  afterAll(async () => {
    await browser?.close();
    await service.stop();
  });

  test('when an inactive account logs in with the right password, then it lands on activation with its login filled in, and the code activates it', async () => {
    const data = newCitizenData();
    const reg = await service.api('POST', '/api/v1/auth/register', { body: { ...data, acceptTerms: true } });
    expect(reg.status).toBe(202);

    await loginThroughPage(page, service, data.login, data.password);

    await page.waitForURL(/\/aktywacja\?/);
    expect(await page.getByRole('status').textContent()).toContain('Konto nie zostało jeszcze aktywowane.');
    expect(await page.getByLabel(/^Login/).inputValue()).toBe(data.login);
    const code = activationCodeIn(await service.mail.waitFor(data.email, /Kod aktywacyjny/));
    await page.getByLabel(/^Kod aktywacyjny/).fill(code);
    await page.getByRole('button', { name: 'Aktywuj konto' }).click();
    await page.waitForURL(/\/logowanie\?aktywowano/);
  });

  test('when a wrong activation code is entered, then the error is at the code field and the summary links to it', async () => {
    await page.goto(`${service.baseUrl}/aktywacja`);
    await page.getByLabel(/^Login/).fill('ktos.taki');
    await page.getByLabel(/^Kod aktywacyjny/).fill('000000');
    await page.getByRole('button', { name: 'Aktywuj konto' }).click();

    const error = await fieldError(page, /^Kod aktywacyjny/, 'code');
    expect(error.text).toMatch(/^Kod aktywacyjny jest niepoprawny/);
    expect(error.describedBy).toContain('code-error');
    expect(error.invalid).toBe('true');
    expect(error.summaryHref).toEqual(['#code']);
  });

  test('when someone registers with a login already taken, then the error is at the Login field', async () => {
    citizen = await registerThroughPages(page, service);
    await page.goto(`${service.baseUrl}/rejestracja`);
    const other = newCitizenData({ login: citizen.login.toUpperCase() });
    await page.getByLabel(/^Login/).fill(other.login);
    await page.getByLabel(/^Adres e-mail/).fill(other.email);
    await page.getByLabel(/^Hasło/).fill(other.password);
    await page.getByLabel(/^Imię/).fill(other.firstName);
    await page.getByLabel(/^Nazwisko/).fill(other.lastName);
    await page.getByLabel(/^Akceptuję regulamin/).check();
    await page.getByRole('button', { name: 'Załóż konto' }).click();

    const error = await fieldError(page, /^Login/, 'login');
    expect(error.text).toBe('Ten login jest już zajęty. Wybierz inny.');
    expect(error.describedBy).toContain('login-error');
    expect(error.summaryHref).toEqual(['#login']);
  });

  test('when the session ends while a citizen reads the pages, then the next page asks them to log in and brings them back', async () => {
    await loginThroughPage(page, service, citizen.login, citizen.password);
    await page.waitForURL(/\/skrzynka$/);
    await revokeSession(service, citizenContext);

    await page.goto(`${service.baseUrl}/sprawdz-stan-sprawy?znak=GN.6840.1.2026`);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sprawdz-stan-sprawy?znak=GN.6840.1.2026');
    expect(await page.getByRole('status').textContent()).toContain('Aby zobaczyć tę stronę, zaloguj się.');
    await page.getByLabel(/^Login/).fill(citizen.login);
    await page.getByLabel(/^Hasło/).fill(citizen.password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL(/\/sprawdz-stan-sprawy\?znak=/);
    expect(await page.getByLabel(/^Znak sprawy/).inputValue()).toBe('GN.6840.1.2026');
  });

  test('when a logged-in citizen follows a login link meant for the office, then they land on their inbox, not on a 403', async () => {
    await page.goto(`${service.baseUrl}/logowanie?next=${encodeURIComponent('/urzad/sprawy')}`);
    await page.waitForURL(/\/skrzynka$/);
  });

  test('when the inbox is asked for a page past its end, then it shows the last page with the messages, not "empty"', async () => {
    const sent = await service.api('POST', '/api/v1/submissions', { token: await service.login(citizen.login, citizen.password), body: { title: 'Pismo', content: 'Treść.' } });
    expect(sent.status).toBe(201);
    await page.goto(`${service.baseUrl}/skrzynka?strona=7`);
    expect(new URL(page.url()).search).toBe('?strona=1');
    expect(await page.getByText('Skrzynka jest pusta').count()).toBe(0);
    await page.getByRole('link', { name: /Potwierdzenie odbioru pisma/ }).waitFor();
  });

  test('when an official opens a page of the registrar, then the 403 page says it is for the filing office, not for citizens', async () => {
    await loginThroughPage(officePage, service, office.official.login, office.official.password);
    await officePage.waitForURL(/\/urzad$/);
    const res = await officePage.goto(`${service.baseUrl}/urzad/pisma`);
    expect(res?.status()).toBe(403);
    const text = await officePage.locator('main').textContent();
    expect(text).toContain('Ta strona jest przeznaczona tylko dla kancelarii urzędu.');
    expect(text).not.toContain('mieszkańców');
  });

  test('when the official sends the case form unchanged or with a reason but no date, then the page says so in its own words', async () => {
    const number = await openPaperCase(service, office);
    await officePage.goto(`${service.baseUrl}/urzad/sprawy/${encodeURIComponent(number)}`);
    await officePage.getByRole('button', { name: 'Zapisz zmiany' }).click();
    await officePage.waitForURL(/\?bez-zmian=1$/);
    expect(await officePage.getByRole('status').textContent()).toContain('Nie zapisano niczego');

    await officePage.getByLabel(/^Uzasadnienie/).fill('Opinia biegłego');
    await officePage.getByRole('button', { name: 'Zapisz zmiany' }).click();
    const error = await fieldError(officePage, /^Uzasadnienie/, 'reason');
    expect(error.text).toBe('Uzasadnienie wpisuje się tylko razem z nowym terminem. Wybierz nowy termin albo usuń uzasadnienie.');
    expect(error.summaryHref).toEqual(['#reason']);

    await officePage.getByLabel(/^Uzasadnienie/).fill('');
    await officePage.getByLabel(/^Login nowej osoby/).fill('nikt.taki');
    await officePage.getByRole('button', { name: 'Zapisz zmiany' }).click();
    const unknown = await fieldError(officePage, /^Login nowej osoby/, 'responsibleLogin');
    expect(unknown.text).toBe('Nie ma referenta o loginie nikt.taki.');
    expect(unknown.summaryHref).toEqual(['#responsibleLogin']);
    expect(await officePage.locator('main').textContent()).not.toMatch(/dueAt|reason/);
  });

  test('when a tampered form sends a status the select does not offer, then the answer is Polish, at the field', async () => {
    const number = await openPaperCase(service, office);
    const res = await fetch(`${service.baseUrl}/urzad/sprawy/${encodeURIComponent(number)}`, {
      method: 'POST',
      headers: { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${office.official.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=zamknieta',
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Wybierz jedną z podanych możliwości w polu „Stan sprawy”.');
    expect(html).not.toMatch(/Invalid|expected/);
  });

  test("when an official opens a case of another unit, then there is no change form that would only refuse them", async () => {
    const other = await createOffice(service);
    const number = await openPaperCase(service, other);
    await officePage.goto(`${service.baseUrl}/urzad/sprawy/${encodeURIComponent(number)}`);
    expect(await officePage.getByRole('button', { name: 'Zapisz zmiany' }).count()).toBe(0);
    expect(await officePage.locator('main').textContent()).toContain(`Sprawę prowadzi komórka ${other.unitSymbol}. Zmienić ją może referent tej komórki albo administrator.`);
  });

  test('when the registrar names an unknown official on a paper case, then the error is at that field', async () => {
    await officePage.getByRole('button', { name: 'Wyloguj' }).click();
    await loginThroughPage(officePage, service, office.registrar.login, office.registrar.password);
    await officePage.waitForURL(/\/urzad$/);
    await officePage.goto(`${service.baseUrl}/urzad/sprawy/nowa`);
    await officePage.getByLabel(/^Imię/).fill('Anna');
    await officePage.getByLabel(/^Nazwisko/).fill('Nowak');
    await officePage.getByLabel(/^Tytuł/).fill('Wniosek o wypis');
    await officePage.getByLabel(/^Komórka prowadząca/).selectOption(office.unitSymbol);
    await officePage.getByLabel(/^Symbol klasyfikacyjny JRWA/).fill('6621');
    await officePage.getByLabel(/^Login osoby odpowiedzialnej/).fill('nikt.taki');
    await officePage.getByRole('button', { name: 'Załóż sprawę' }).click();

    const error = await fieldError(officePage, /^Login osoby odpowiedzialnej/, 'responsibleLogin');
    expect(error.text).toBe('Nie ma referenta o loginie nikt.taki.');
    expect(error.invalid).toBe('true');
    expect(error.summaryHref).toEqual(['#responsibleLogin']);
  });

  test('when the registrar presses "Wydaj nowy klucz dostępu" after the session ended, then after logging in they are back on the case', async () => {
    const number = await openPaperCase(service, office);
    await officePage.goto(`${service.baseUrl}/urzad/sprawy/${encodeURIComponent(number)}`);
    await revokeSession(service, officeContext);
    await officePage.getByRole('button', { name: 'Wydaj nowy klucz dostępu' }).click();

    await officePage.waitForURL(/\/logowanie\?next=/);
    await officePage.getByLabel(/^Login/).fill(office.registrar.login);
    await officePage.getByLabel(/^Hasło/).fill(office.registrar.password);
    await officePage.getByRole('button', { name: 'Zaloguj się' }).click();
    await officePage.waitForURL(`${service.baseUrl}/urzad/sprawy/${encodeURIComponent(number)}`);
    expect(await officePage.getByRole('heading', { level: 1 }).textContent()).toBe(`Sprawa ${number}`);
  });
});
