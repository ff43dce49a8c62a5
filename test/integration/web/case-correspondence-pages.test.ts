import { linkByKey, officialOfAnotherUnit } from '../../support/cases';
import { caseFromSubmission } from '../../support/citizen-cases';
import { callDueDate, callForCompletion, caseGet, sendLetter } from '../../support/correspondence';
import { uniqueUnitSymbol, type Staff } from '../../support/office';
import { serviceWithOfficeAndCitizens } from '../../support/reminders';
import { TestService } from '../../support/test-service';

// The case pages of both sides, as a browser sends their forms (urlencoded and multipart).
const service = new TestService();
const { office, applicant, keyHolder, stranger } = serviceWithOfficeAndCitizens(service);
let otherOfficial: Staff;

beforeAll(async () => {
  otherOfficial = await officialOfAnotherUnit(service, uniqueUnitSymbol());
});

const page = (token: string, path: string) => fetch(`${service.baseUrl}${path}`, { headers: { accept: 'text/html', cookie: `sesja=${token}` }, redirect: 'manual' });
const post = (token: string, path: string, body: URLSearchParams | FormData) =>
  fetch(`${service.baseUrl}${path}`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${token}` }, body, redirect: 'manual' });
const citizenPath = (number: string) => `/moje-sprawy/${encodeURIComponent(number)}`;
const officePath = (number: string) => `/urzad/sprawy/${encodeURIComponent(number)}`;

function replyForm(content: string, callId: string, files: Array<{ name: string; type: string; text: string }> = []): FormData {
  const form = new FormData();
  form.append('callId', callId);
  form.append('content', content);
  for (const f of files) form.append('attachments', new Blob([f.text], { type: f.type }), f.name);
  return form;
}

async function sharedCase(title: string): Promise<string> {
  const { number } = await caseFromSubmission(service, office, applicant, title);
  await linkByKey(service, number, keyHolder.id);
  return number;
}

describe('the office case page', () => {
  test('when the official opens a case, then it shows the documents, the calls and the call and letter forms with their labels', async () => {
    const number = await sharedCase('Wniosek o wydanie zezwolenia');
    const html = await (await page(office.official.token, officePath(number))).text();
    expect(html).toContain('<h2 id="dokumenty">Dokumenty sprawy</h2>');
    expect(html).toContain('Pismo, od którego zaczęła się sprawa');
    expect(html).toContain('<label for="what">Co strona ma uzupełnić</label>');
    expect(html).toContain('<label for="dueDate">Termin na uzupełnienie</label>');
    expect(html).toContain('<label for="title">Tytuł pisma</label>');
    expect(html).toContain('<label for="content">Treść pisma</label>');
    expect(html).toContain('enctype="multipart/form-data"');
  });

  test('when another unit looks at the case, then no documents and no forms are shown to it', async () => {
    const number = await sharedCase('Wniosek o zmianę danych');
    const html = await (await page(otherOfficial.token, officePath(number))).text();
    expect(html).not.toContain('Dokumenty sprawy');
    expect(html).not.toContain('Wyślij wezwanie');
    expect(html).not.toContain('Wyślij pismo');
  });

  test('when the call form is sent with a date under 7 days, then the error is at the date and the typed text stays; a good one calls and leads back to the case', async () => {
    const number = await sharedCase('Wniosek o przyłącze');
    const bad = await post(office.official.token, `${officePath(number)}/wezwanie`, new URLSearchParams({ what: 'Brak mapy do celów projektowych.', dueDate: callDueDate(-1) }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="dueDate-error"');
    expect(html).toContain(`wybierz ${callDueDate()}`);
    expect(html).toContain('Brak mapy do celów projektowych.</textarea>');

    const empty = await post(office.official.token, `${officePath(number)}/wezwanie`, new URLSearchParams({ what: '', dueDate: '' }));
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('Wpisz, co strona ma uzupełnić.');
    expect(emptyHtml).toContain('Wybierz termin na uzupełnienie.');

    const good = await post(office.official.token, `${officePath(number)}/wezwanie`, new URLSearchParams({ what: 'Brak mapy do celów projektowych.', dueDate: callDueDate() }));
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`${officePath(number)}?wezwano=1#wezwania`);
    expect((await caseGet(service, office.official.token, 'office', number, '')).body.status).toBe('awaiting_applicant');
  });

  test('when the letter form is sent with a file, then the letter goes out with it; without a title, the error is at Tytuł and the content stays', async () => {
    const number = await sharedCase('Wniosek o decyzję lokalizacyjną');
    const form = new FormData();
    form.append('title', 'Decyzja nr 7/2026');
    form.append('content', 'Ustala się lokalizację inwestycji.');
    form.append('attachments', new Blob(['%PDF-1.4 decyzja'], { type: 'application/pdf' }), 'decyzja-łódź.pdf');
    const sent = await post(office.official.token, `${officePath(number)}/pismo`, form);
    expect(sent.status).toBe(303);
    const letter = (await caseGet(service, applicant.token, 'citizen', number, '/documents')).body.items.find((d: any) => d.kind === 'letter');
    expect(letter).toMatchObject({ title: 'Decyzja nr 7/2026', attachments: [{ filename: 'decyzja-łódź.pdf', contentType: 'application/pdf' }] });

    const noTitle = new FormData();
    noTitle.append('title', '');
    noTitle.append('content', 'Treść, która nie może zginąć.');
    const bad = await post(office.official.token, `${officePath(number)}/pismo`, noTitle);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="title-error"');
    expect(html).toContain('Treść, która nie może zginąć.</textarea>');
  });
});

describe('the citizen case page', () => {
  test('when a call is open, then the page shows it and a reply form answering it; a reply with a file is accepted with its receipt number shown', async () => {
    const number = await sharedCase('Wniosek o numer budynku');
    const { id: callId } = (await callForCompletion(service, office.official.token, number, { what: 'Proszę dołączyć szkic sytuacyjny.', dueDate: callDueDate() })).body;
    const html = await (await page(keyHolder.token, citizenPath(number))).text();
    expect(html).toContain('Proszę dołączyć szkic sytuacyjny.');
    expect(html).toContain('Czeka na odpowiedź');
    expect(html).toContain(`<option value="${callId}" selected>`);
    expect(html).toContain('<label for="content">Treść odpowiedzi</label>');

    const res = await post(keyHolder.token, `${citizenPath(number)}/odpowiedz`, replyForm('W załączeniu szkic.', callId, [{ name: 'szkic.txt', type: 'text/plain', text: 'szkic' }]));
    expect(res.status).toBe(303);
    const after = await (await page(keyHolder.token, res.headers.get('location')!)).text();
    expect(after).toMatch(/Odpowiedź została przyjęta\. Numer potwierdzenia odbioru: ESP\/\d{4}\/\d{6}/);
    expect(after).toContain('Odpowiedziano');
    expect(after).toContain('szkic.txt');
    expect((await caseGet(service, office.official.token, 'office', number, '')).body.status).toBe('in_progress');
  });

  test('when the reply has no text, then the error is at Treść odpowiedzi; when it names a call no longer open, the error is at that choice', async () => {
    const number = await sharedCase('Wniosek o zwrot wadium');
    const { id: callId } = (await callForCompletion(service, office.official.token, number)).body;
    const empty = await post(applicant.token, `${citizenPath(number)}/odpowiedz`, replyForm('', callId));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Wpisz treść odpowiedzi.');

    expect((await post(applicant.token, `${citizenPath(number)}/odpowiedz`, replyForm('Pierwsza odpowiedź.', callId))).status).toBe(303);
    const again = await post(applicant.token, `${citizenPath(number)}/odpowiedz`, replyForm('Druga odpowiedź, zachowana.', callId));
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain('id="callId-error"');
    expect(html).toContain('Druga odpowiedź, zachowana.</textarea>');
  });

  test('when a letter is read on its page, then its content and files are shown and the office sees it opened; a file downloads safely', async () => {
    const number = await sharedCase('Wniosek o informację publiczną');
    const { id } = (await sendLetter(service, office.official.token, number, { title: 'Odpowiedź na wniosek', content: 'Przekazujemy informację.', attachments: [{ filename: 'informacja.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF').toString('base64') }] })).body;
    const casePage = await (await page(applicant.token, citizenPath(number))).text();
    expect(casePage).toContain(`href="${citizenPath(number)}/pisma/${id}"`);
    const letterPage = await page(applicant.token, `${citizenPath(number)}/pisma/${id}`);
    expect(letterPage.status).toBe(200);
    const html = await letterPage.text();
    expect(html).toContain('Przekazujemy informację.');
    const href = html.match(/href="([^"]+\/zalaczniki\/[^"]+)"/)![1];
    const file = await page(applicant.token, href);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(await file.text()).toBe('%PDF');

    const officeHtml = await (await page(office.official.token, officePath(number))).text();
    expect(officeHtml).toContain('otwarto <time');
    const officeHref = officeHtml.match(/href="(\/urzad\/sprawy\/[^"]+\/zalaczniki\/[^"]+)"/)![1];
    expect((await page(office.official.token, officeHref)).status).toBe(200);
    expect((await page(otherOfficial.token, officeHref)).status).toBe(404);
  });

  test('when a stranger opens the case, its letter or a file, then the 404 page', async () => {
    const number = await sharedCase('Wniosek o dodatek');
    const { id } = (await sendLetter(service, office.official.token, number)).body;
    expect((await page(stranger.token, citizenPath(number))).status).toBe(404);
    expect((await page(stranger.token, `${citizenPath(number)}/pisma/${id}`)).status).toBe(404);
    expect((await page(stranger.token, `${citizenPath(number)}/dokumenty/${id}/zalaczniki/${id}`)).status).toBe(404);
    expect((await page(applicant.token, `${citizenPath(number)}/pisma/nie-uuid`)).status).toBe(404);
    expect((await service.ctx.dataSource.query(`SELECT opened_at FROM case_letters WHERE id = $1`, [id]))[0].opened_at).toBeNull();
  });
});

describe('a reply sent after the session ended', () => {
  test('when the session has ended, then nothing is sent and the reply comes back with its text and a way to log in again; logged in, the same form goes through', async () => {
    const number = await sharedCase('Wniosek o uzgodnienie');
    const { id: callId } = (await callForCompletion(service, office.official.token, number)).body;
    const expired = await service.login(applicant.login, applicant.password);
    await service.api('POST', '/api/v1/auth/logout', { token: expired });

    const res = await post(expired, `${citizenPath(number)}/odpowiedz`, replyForm('Długa odpowiedź, która nie może zginąć.', callId));
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('sesja wygasła');
    expect(html).toContain('Długa odpowiedź, która nie może zginąć.</textarea>');
    expect(html).toContain(`name="callId" value="${callId}"`);
    expect(html).not.toContain('Wniosek o uzgodnienie');
    expect((await caseGet(service, applicant.token, 'citizen', number, '/calls')).body.items[0].status).toBe('open');

    const fresh = await service.login(applicant.login, applicant.password);
    expect((await post(fresh, `${citizenPath(number)}/odpowiedz`, replyForm('Długa odpowiedź, która nie może zginąć.', callId))).status).toBe(303);
    expect((await caseGet(service, applicant.token, 'citizen', number, '/calls')).body.items[0].status).toBe('answered');
  });
});
