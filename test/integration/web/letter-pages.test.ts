import { openCase, officialOfAnotherUnit } from '../../support/cases';
import { attachment, submitWithFiles } from '../../support/letters';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
let sender: Citizen;
let stranger: Citizen;
const pdf = Buffer.from('%PDF-1.4 skan\n');

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  sender = await service.citizen({ firstName: 'Jadwiga', lastName: 'Świątek' });
  stranger = await service.citizen();
});
afterAll(() => service.stop());

const page = (path: string, token?: string) =>
  fetch(service.baseUrl + path, { headers: { accept: 'text/html', ...(token ? { cookie: `sesja=${token}` } : {}) }, redirect: 'manual' });

describe('/moje-pisma/:id (the sender)', () => {
  test('when the sender opens a letter from the list, then the page shows its text, files to download and the receipt links', async () => {
    const sent = await submitWithFiles(service, sender, 'Wniosek o wypis', 'Pierwsza linia.\nDruga linia <b>bez HTML</b>.', [attachment('mapa działki.pdf', pdf)]);
    const list = await (await page('/moje-pisma', sender.token)).text();
    expect(list).toContain(`href="/moje-pisma/${sent.id}"`);
    const res = await page(`/moje-pisma/${sent.id}`, sender.token);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Wniosek o wypis</h1>');
    expect(html).toContain('Druga linia &lt;b&gt;bez HTML&lt;/b&gt;.');
    expect(html).toContain(sent.receiptNumber);
    expect(html).toContain('Pobierz plik mapa działki.pdf');
    expect(html).toContain(`href="/moje-pisma/${sent.id}/potwierdzenie.pdf"`);
    expect(html).toContain(`href="/moje-pisma/${sent.id}/potwierdzenie.json"`);

    const fileHref = /href="(\/moje-pisma\/[^"]+\/zalaczniki\/[^"]+)"/.exec(html)![1];
    const file = await page(fileHref, sender.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);

    const receipt = await page(`/moje-pisma/${sent.id}/potwierdzenie.json`, sender.token);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-disposition')).toContain('potwierdzenie-ESP-');
    const signed = JSON.parse(await receipt.text());
    expect(signed.receipt.receiptNumber).toBe(sent.receiptNumber);
    const printable = await page(`/moje-pisma/${sent.id}/potwierdzenie.pdf`, sender.token);
    expect(printable.headers.get('content-type')).toBe('application/pdf');
  });

  test('when another citizen, or an address that is no id, is asked for, then the 404 page; logged out, the login page', async () => {
    const sent = await submitWithFiles(service, sender, 'Cudze pismo', 'Treść.', [attachment('a.pdf', pdf)]);
    for (const path of [`/moje-pisma/${sent.id}`, `/moje-pisma/${sent.id}/potwierdzenie.pdf`, `/moje-pisma/${sent.id}/potwierdzenie.json`, '/moje-pisma/nie-id']) {
      const res = await page(path, stranger.token);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Nie ma takiego pisma.');
    }
    const loggedOut = await page(`/moje-pisma/${sent.id}`);
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.get('location')).toMatch(/^\/logowanie\?next=/);
  });
});

describe('/urzad/pisma/:id/tresc (the office)', () => {
  test('when the registrar opens a waiting letter from the list, then it shows the sender, the text and the files, and the read is audited', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo do urzędu', 'Treść do przeczytania.', [attachment('skan.pdf', pdf)]);
    const list = await (await page('/urzad/pisma', office.registrar.token)).text();
    expect(list).toContain(`href="/urzad/pisma/${sent.id}/tresc"`);
    const html = await (await page(`/urzad/pisma/${sent.id}/tresc`, office.registrar.token)).text();
    expect(html).toContain('Jadwiga Świątek');
    expect(html).toContain('Treść do przeczytania.');
    expect(html).toContain(`href="/urzad/pisma/${sent.id}"`); // open a case from it
    const fileHref = /href="(\/urzad\/pisma\/[^"]+\/zalaczniki\/[^"]+)"/.exec(html)![1];
    const file = await page(fileHref, office.registrar.token);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    const audit = await service.ctx.dataSource.query(`SELECT action FROM audit_entries WHERE subject = $1 ORDER BY at`, [sent.receiptNumber]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['submission.read', 'submission.file.downloaded']);
  });

  test('when a case was opened from a letter, then its page links the letter for the unit official, and an official of another unit gets 404', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo w sprawie', 'Treść.');
    const opened = await openCase(service, office, { jrwaSymbol: '6840', title: 'Sprawa z pisma', submissionId: sent.id });
    const casePage = await (await page(`/urzad/sprawy/${encodeURIComponent(opened.number)}`, office.official.token)).text();
    expect(casePage).toContain(`href="/urzad/pisma/${sent.id}/tresc"`);
    expect((await page(`/urzad/pisma/${sent.id}/tresc`, office.official.token)).status).toBe(200);
    const other = await officialOfAnotherUnit(service, 'INNA');
    expect((await page(`/urzad/pisma/${sent.id}/tresc`, other.token)).status).toBe(404);
    const otherCasePage = await (await page(`/urzad/sprawy/${encodeURIComponent(opened.number)}`, other.token)).text();
    expect(otherCasePage).not.toContain(`/urzad/pisma/${sent.id}/tresc`);
    expect((await page(`/urzad/pisma/${sent.id}/tresc`, sender.token)).status).toBe(403);
  });
});

describe('/sprawdz-potwierdzenie (no login)', () => {
  const check = (fields: Record<string, string>, file?: { name: string; text: string }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('plik', new Blob([file.text], { type: 'application/json' }), file.name);
    return fetch(`${service.baseUrl}/sprawdz-potwierdzenie`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl }, body: form });
  };

  test('when a genuine receipt is pasted or uploaded, then the page says it is genuine and shows its facts; an altered one is not', async () => {
    const sent = await submitWithFiles(service, sender, 'Pismo z potwierdzeniem', 'Treść.');
    const signed = (await service.api('GET', `/api/v1/submissions/${sent.id}/receipt`, { token: sender.token })).body;
    expect((await page('/sprawdz-potwierdzenie')).status).toBe(200);

    const pasted = await check({ potwierdzenie: JSON.stringify(signed) });
    expect(pasted.status).toBe(200);
    const good = await pasted.text();
    expect(good).toContain('Potwierdzenie jest prawdziwe');
    expect(good).toContain(sent.receiptNumber);
    expect(good).toContain('Jadwiga Świątek');

    const uploaded = await (await check({ potwierdzenie: '' }, { name: 'potwierdzenie.json', text: JSON.stringify(signed, null, 2) })).text();
    expect(uploaded).toContain('Potwierdzenie jest prawdziwe');

    const altered = await (await check({ potwierdzenie: JSON.stringify({ ...signed, receipt: { ...signed.receipt, title: 'Inny tytuł' } }) })).text();
    expect(altered).toContain('Potwierdzenie nie jest prawdziwe');
    expect(altered).not.toContain('Inny tytuł</dd>');
  });

  test('when nothing, or something that is not a receipt, is sent, then 400 with the error at the field', async () => {
    const empty = await check({ potwierdzenie: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Wklej potwierdzenie odbioru albo wybierz plik z potwierdzeniem.');
    const junk = await check({ potwierdzenie: 'to nie jest JSON' });
    expect(junk.status).toBe(400);
    const html = await junk.text();
    expect(html).toContain('To nie jest potwierdzenie odbioru w formacie JSON.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('to nie jest JSON</textarea>');
    const notAFile = await check({}, { name: 'zdjecie.json', text: '{"receipt": 1}' });
    expect(notAFile.status).toBe(400);
  });
});
