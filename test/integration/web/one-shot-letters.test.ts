import { randomUUID } from 'node:crypto';
import { caseFromSubmission } from '../../support/citizen-cases';
import { callDueDate, callForCompletion } from '../../support/correspondence';
import { serviceWithOfficeAndCitizens } from '../../support/reminders';
import { TestService } from '../../support/test-service';

// A double click, or a browser sending the POST again after a slow answer, must not send a second
// letter, reply, call or office letter: each form carries its id, a repeat goes where the first went.
const service = new TestService();
const { office, applicant } = serviceWithOfficeAndCitizens(service);

type Fields = Record<string, string>;

const page = (token: string, path: string) => fetch(`${service.baseUrl}${path}`, { headers: { accept: 'text/html', cookie: `sesja=${token}` }, redirect: 'manual' });

/** A form POST as the browser sends it: multipart (the forms with files) or urlencoded. */
async function post(token: string, path: string, fields: Fields, multipart: boolean) {
  let body: FormData | URLSearchParams;
  if (multipart) {
    body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
  } else {
    body = new URLSearchParams(fields);
  }
  const res = await fetch(`${service.baseUrl}${path}`, { method: 'POST', headers: { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${token}` }, body, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** The hidden formId of the form that posts to `action` (a page may have several forms). */
function formIdIn(html: string, action: string): string {
  const match = new RegExp(`action="${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>\\s*<input type="hidden" name="formId" value="([0-9a-f-]{36})"`).exec(html);
  if (!match) throw new Error(`no formId for ${action} in the page`);
  return match[1];
}

const count = async (sql: string, value: string): Promise<number> => (await service.ctx.dataSource.query(sql, [value]))[0].n;
const lettersTitled = (title: string) => count(`SELECT count(*)::int AS n FROM submissions WHERE title = $1`, title);
const repliesSaying = (content: string) => count(`SELECT count(*)::int AS n FROM submissions WHERE kind = 'reply' AND content = $1`, content);
const callsFor = (what: string) => count(`SELECT count(*)::int AS n FROM case_calls WHERE what = $1`, what);
const officeLettersTitled = (title: string) => count(`SELECT count(*)::int AS n FROM case_letters WHERE title = $1`, title);

const citizenPath = (number: string) => `/moje-sprawy/${encodeURIComponent(number)}`;
const officePath = (number: string) => `/urzad/sprawy/${encodeURIComponent(number)}`;

describe('the citizen\'s "Wyślij pismo" form', () => {
  const send = (fields: Fields) => post(applicant.token, '/wyslij-pismo', fields, true);
  const freshFormId = async () => formIdIn(await (await page(applicant.token, '/wyslij-pismo')).text(), '/wyslij-pismo');

  test('when the same form is sent twice, then one letter is sent and both answers lead to the same "sent" notice', async () => {
    const formId = await freshFormId();
    const letter = { formId, title: `Wniosek o wypis ${formId.slice(0, 8)}`, content: 'Proszę o wypis z rejestru gruntów.' };
    const first = await send(letter);
    const again = await send(letter);
    expect(first.status).toBe(303);
    expect(first.location).toMatch(/^\/moje-pisma\?wyslano=/);
    expect(again).toMatchObject({ status: 303, location: first.location });
    expect(await lettersTitled(letter.title)).toBe(1);
    const list = await (await page(applicant.token, first.location!)).text();
    expect(list).toContain(`Pismo „${letter.title}” zostało przyjęte.`);
    // The next letter is a new form.
    expect(await freshFormId()).not.toBe(formId);
  });

  test('when the same form is sent twice at the same moment (a double click), then one letter is sent and both answers lead to it', async () => {
    const formId = await freshFormId();
    const letter = { formId, title: `Dwuklik ${formId.slice(0, 8)}`, content: 'Treść wysłana dwa razy naraz.' };
    const answers = await Promise.all([send(letter), send(letter)]);
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    expect(answers[1].location).toBe(answers[0].location);
    expect(await lettersTitled(letter.title)).toBe(1);
  });

  test('when the form comes back with its problems, then it keeps its id, and the corrected form is sent once', async () => {
    const formId = await freshFormId();
    const title = `Poprawione ${formId.slice(0, 8)}`;
    const refused = await send({ formId, title, content: '' });
    expect(refused.status).toBe(400);
    expect(formIdIn(refused.html, '/wyslij-pismo')).toBe(formId);
    const corrected = await send({ formId, title, content: 'Teraz z treścią.' });
    expect(corrected.status).toBe(303);
    expect((await send({ formId, title, content: 'Teraz z treścią.' })).location).toBe(corrected.location);
    expect(await lettersTitled(title)).toBe(1);
  });

  test('when the session had ended, then the form comes back with its id, to be sent as it is after logging in again', async () => {
    const formId = await freshFormId();
    const expired = await service.login(applicant.login, applicant.password);
    await service.api('POST', '/api/v1/auth/logout', { token: expired });
    const res = await post(expired, '/wyslij-pismo', { formId, title: 'Po wygaśnięciu sesji', content: 'Treść.' }, true);
    expect(res.status).toBe(401);
    expect(formIdIn(res.html, '/wyslij-pismo')).toBe(formId);
  });

  test('when a form from a page cached before form ids is sent, then the letter still goes', async () => {
    const title = `Bez identyfikatora ${randomUUID().slice(0, 8)}`;
    expect((await send({ title, content: 'Strona sprzed zmiany.' })).status).toBe(303);
    expect(await lettersTitled(title)).toBe(1);
  });

  test('when the first sending is still running after the wait, then a repeat gets a 409 page saying to check the letters before sending again', async () => {
    const formId = randomUUID();
    // The first sending's claim, as OneShotForms makes it, that never finishes within the wait.
    await service.ctx.redis.set(`${service.ctx.producer.prefix}:web-once:${formId}`, '', 'EX', 60);
    const title = `W toku ${formId.slice(0, 8)}`;
    const res = await send({ formId, title, content: 'Treść.' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('<h1>Formularz jest właśnie wysyłany</h1>');
    expect(res.html).toContain('To pismo jest właśnie wysyłane. Za chwilę sprawdź listę „Moje pisma”, zanim wyślesz je ponownie.');
    expect(res.html).toContain('href="/moje-pisma"');
    expect(await lettersTitled(title)).toBe(0);
  });
});

describe('the citizen\'s reply to a call for completion', () => {
  async function caseWithCall(title: string) {
    const { number } = await caseFromSubmission(service, office, applicant, title);
    const { id: callId } = (await callForCompletion(service, office.official.token, number)).body;
    const action = `${citizenPath(number)}/odpowiedz`;
    const formId = formIdIn(await (await page(applicant.token, citizenPath(number))).text(), action);
    return { number, callId, action, formId };
  }

  test('when the same reply is sent twice, one after the other and at once, then one reply is filed and every answer leads to the same notice', async () => {
    const { callId, action, formId } = await caseWithCall('Wniosek o zgodę na wycinkę');
    const reply = { formId, callId, content: `W załączeniu zgoda właściciela ${formId.slice(0, 8)}.` };
    const answers = await Promise.all([post(applicant.token, action, reply, true), post(applicant.token, action, reply, true)]);
    const later = await post(applicant.token, action, reply, true);
    for (const answer of [...answers, later]) expect(answer).toMatchObject({ status: 303, location: answers[0].location });
    expect(answers[0].location).toMatch(/\?odpowiedz=.+#dokumenty$/);
    expect(await repliesSaying(reply.content)).toBe(1);
    expect(await (await page(applicant.token, answers[0].location!)).text()).toContain('Odpowiedź została przyjęta.');
  });

  test('when the reply comes back with its problems, then it keeps its id, and the corrected reply is filed once', async () => {
    const { callId, action, formId } = await caseWithCall('Wniosek o zajęcie pasa drogowego');
    const refused = await post(applicant.token, action, { formId, callId, content: '' }, true);
    expect(refused.status).toBe(400);
    expect(formIdIn(refused.html, action)).toBe(formId);
    const content = `Uzupełniam mapę ${formId.slice(0, 8)}.`;
    const corrected = await post(applicant.token, action, { formId, callId, content }, true);
    expect(corrected.status).toBe(303);
    expect((await post(applicant.token, action, { formId, callId, content }, true)).location).toBe(corrected.location);
    expect(await repliesSaying(content)).toBe(1);
  });

  test('when the office refuses the reply (its call already answered), then the id is given back and the corrected reply is filed', async () => {
    const { number, callId, action, formId } = await caseWithCall('Wniosek o zwrot opłaty');
    expect((await post(applicant.token, action, { formId, callId, content: 'Pierwsza odpowiedź.' }, true)).status).toBe(303);
    const second = formIdIn(await (await page(applicant.token, citizenPath(number))).text(), action);
    const content = `Druga odpowiedź ${second.slice(0, 8)}.`;
    const refused = await post(applicant.token, action, { formId: second, callId, content }, true);
    expect(refused.status).toBe(400);
    expect(formIdIn(refused.html, action)).toBe(second);
    expect((await post(applicant.token, action, { formId: second, callId: '', content }, true)).status).toBe(303);
    expect(await repliesSaying(content)).toBe(1);
  });

  test('when a reply without a form id is sent (a page cached before), then it is filed', async () => {
    const { callId, action } = await caseWithCall('Wniosek o wpis do ewidencji');
    const content = `Odpowiedź bez identyfikatora ${randomUUID().slice(0, 8)}.`;
    expect((await post(applicant.token, action, { callId, content }, true)).status).toBe(303);
    expect(await repliesSaying(content)).toBe(1);
  });
});

describe("the office's call for completion and letter forms", () => {
  async function officeCase(title: string) {
    const { number } = await caseFromSubmission(service, office, applicant, title);
    const html = await (await page(office.official.token, officePath(number))).text();
    const callAction = `${officePath(number)}/wezwanie`;
    const letterAction = `${officePath(number)}/pismo`;
    return { number, callAction, letterAction, callFormId: formIdIn(html, callAction), letterFormId: formIdIn(html, letterAction) };
  }

  test('when the case page is shown, then its call and letter forms carry ids of their own', async () => {
    const { callFormId, letterFormId } = await officeCase('Wniosek o dwa formularze');
    expect(callFormId).not.toBe(letterFormId);
  });

  test('when the same call is sent twice, one after the other and at once, then one call is made and every answer leads back to the calls', async () => {
    const { number, callAction, callFormId } = await officeCase('Wniosek o warunki zabudowy');
    const call = { formId: callFormId, what: `Brak mapy ${callFormId.slice(0, 8)}.`, dueDate: callDueDate() };
    const answers = await Promise.all([post(office.official.token, callAction, call, false), post(office.official.token, callAction, call, false)]);
    const later = await post(office.official.token, callAction, call, false);
    for (const answer of [...answers, later]) expect(answer).toMatchObject({ status: 303, location: `${officePath(number)}?wezwano=1#wezwania` });
    expect(await callsFor(call.what)).toBe(1);
  });

  test('when the call comes back with its problems, then the call form keeps its id and the letter form gets a fresh one; the corrected call is made once', async () => {
    const { callAction, letterAction, callFormId, letterFormId } = await officeCase('Wniosek o przyłącze wodne');
    const what = `Brak zgody zarządcy ${callFormId.slice(0, 8)}.`;
    const refused = await post(office.official.token, callAction, { formId: callFormId, what, dueDate: callDueDate(-1) }, false);
    expect(refused.status).toBe(400);
    expect(formIdIn(refused.html, callAction)).toBe(callFormId);
    expect(formIdIn(refused.html, letterAction)).not.toBe(letterFormId);
    const corrected = { formId: callFormId, what, dueDate: callDueDate() };
    expect((await post(office.official.token, callAction, corrected, false)).status).toBe(303);
    expect((await post(office.official.token, callAction, corrected, false)).status).toBe(303);
    expect(await callsFor(what)).toBe(1);
  });

  test('when the same office letter is sent twice, one after the other and at once, then one letter goes to the citizen and every answer leads back to the documents', async () => {
    const { number, letterAction, letterFormId } = await officeCase('Wniosek o decyzję');
    const letter = { formId: letterFormId, title: `Decyzja ${letterFormId.slice(0, 8)}`, content: 'Urząd postanawia…' };
    const answers = await Promise.all([post(office.official.token, letterAction, letter, true), post(office.official.token, letterAction, letter, true)]);
    const later = await post(office.official.token, letterAction, letter, true);
    for (const answer of [...answers, later]) expect(answer).toMatchObject({ status: 303, location: `${officePath(number)}?wyslano-pismo=1#dokumenty` });
    expect(await officeLettersTitled(letter.title)).toBe(1);
  });

  test('when the office letter comes back with its problems, then the letter form keeps its id and the call form gets a fresh one; the corrected letter goes once', async () => {
    const { callAction, letterAction, callFormId, letterFormId } = await officeCase('Wniosek o zawiadomienie');
    const title = `Zawiadomienie ${letterFormId.slice(0, 8)}`;
    const refused = await post(office.official.token, letterAction, { formId: letterFormId, title, content: '' }, true);
    expect(refused.status).toBe(400);
    expect(formIdIn(refused.html, letterAction)).toBe(letterFormId);
    expect(formIdIn(refused.html, callAction)).not.toBe(callFormId);
    const corrected = { formId: letterFormId, title, content: 'Zawiadamia się o wszczęciu postępowania.' };
    expect((await post(office.official.token, letterAction, corrected, true)).status).toBe(303);
    expect((await post(office.official.token, letterAction, corrected, true)).status).toBe(303);
    expect(await officeLettersTitled(title)).toBe(1);
  });

  test('when a call and a letter without form ids are sent (a page cached before), then both go', async () => {
    const { callAction, letterAction } = await officeCase('Wniosek sprzed zmiany');
    const what = `Brak pełnomocnictwa ${randomUUID().slice(0, 8)}.`;
    const title = `Pismo bez identyfikatora ${randomUUID().slice(0, 8)}`;
    expect((await post(office.official.token, callAction, { what, dueDate: callDueDate() }, false)).status).toBe(303);
    expect((await post(office.official.token, letterAction, { title, content: 'Treść.' }, true)).status).toBe(303);
    expect(await callsFor(what)).toBe(1);
    expect(await officeLettersTitled(title)).toBe(1);
  });
});
