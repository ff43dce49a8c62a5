import { openPaperCase } from '../../support/cases';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

// Forms whose page shows something once (a new case's access key, a new key) are sent again when
// the registrar reloads that page: the second sending must not repeat the act.
const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

/** A page request as the registrar's browser makes it (session cookie, same-origin form posts). */
async function page(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${office.registrar.token}` };
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(service.baseUrl + path, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

function formIdIn(html: string): string {
  const match = /name="formId" value="([0-9a-f-]{36})"/.exec(html);
  if (!match) throw new Error('no formId in the page');
  return match[1];
}

const casesTitled = async (title: string): Promise<number> =>
  (await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE title = $1`, [title]))[0].n;

describe('one-shot office forms', () => {
  test('when the paper-case form is sent twice (a reload of the key page), then one case is opened and the second answer is 409 with a link to it, no key', async () => {
    const formId = formIdIn((await page('GET', '/urzad/sprawy/nowa')).html);
    const title = `Podział działki ${formId.slice(0, 8)}`;
    const form = { formId, firstName: 'Zofia', lastName: 'Wiśniewska', title, unitSymbol: office.unitSymbol, jrwaSymbol: '6840', deadlineDays: '30', issueAccessKey: 'tak' };

    const first = await page('POST', '/urzad/sprawy/nowa', form);
    expect(first.status).toBe(201);
    expect(first.html).toMatch(/class="key"/);
    const number = /<h1>Założono sprawę ([^<]+)<\/h1>/.exec(first.html)![1];
    const again = await page('POST', '/urzad/sprawy/nowa', form);
    expect(again.status).toBe(409);
    expect(again.html).toContain('Formularz został już wysłany');
    expect(again.html).toContain(`/urzad/sprawy/${encodeURIComponent(number)}`);
    expect(again.html).not.toMatch(/class="key"/);
    expect(await casesTitled(title)).toBe(1);
  });

  test('when the form was refused (a field missing) and then corrected, then the same form id opens the case', async () => {
    const formId = formIdIn((await page('GET', '/urzad/sprawy/nowa')).html);
    const title = `Rozgraniczenie ${formId.slice(0, 8)}`;
    const refused = await page('POST', '/urzad/sprawy/nowa', { formId, firstName: '', lastName: 'Nowak', title, unitSymbol: office.unitSymbol, jrwaSymbol: '6840' });
    expect(refused.status).toBe(400);
    expect(formIdIn(refused.html)).toBe(formId);
    const corrected = await page('POST', '/urzad/sprawy/nowa', { formId, firstName: 'Jan', lastName: 'Nowak', title, unitSymbol: office.unitSymbol, jrwaSymbol: '6840' });
    expect(corrected.status).toBe(201);
    expect(await casesTitled(title)).toBe(1);
  });

  test('when the "new key" form of a case is sent twice, then one key is issued and the second answer is 409 without a key', async () => {
    const number = await openPaperCase(service, office, { issueAccessKey: true });
    const path = `/urzad/sprawy/${encodeURIComponent(number)}`;
    const formId = formIdIn((await page('GET', path)).html);
    const first = await page('POST', `${path}/klucz`, { formId });
    expect(first.status).toBe(201);
    expect(first.html).toMatch(/class="key"/);
    const again = await page('POST', `${path}/klucz`, { formId });
    expect(again.status).toBe(409);
    expect(again.html).not.toMatch(/class="key"/);
    const keys = await service.ctx.dataSource.query(
      `SELECT k.revoked_at FROM access_keys k JOIN cases c ON c.id = k.case_id WHERE c.number = $1`,
      [number],
    );
    expect(keys).toHaveLength(2); // the one from opening (now revoked) and the one issued once
    expect(keys.filter((k: { revoked_at: Date | null }) => k.revoked_at === null)).toHaveLength(1);
    // The case page offers a fresh form for a deliberate next key.
    expect(formIdIn((await page('GET', path)).html)).not.toBe(formId);
  });

  test('when the paper-case form is sent twice at the same moment (a double click), then one case is opened and the other answer waits for it and links to it', async () => {
    const formId = formIdIn((await page('GET', '/urzad/sprawy/nowa')).html);
    const title = `Dwuklik ${formId.slice(0, 8)}`;
    const form = { formId, firstName: 'Ewa', lastName: 'Lis', title, unitSymbol: office.unitSymbol, jrwaSymbol: '6840', issueAccessKey: 'tak' };
    const answers = await Promise.all([page('POST', '/urzad/sprawy/nowa', form), page('POST', '/urzad/sprawy/nowa', form)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const number = /<h1>Założono sprawę ([^<]+)<\/h1>/.exec(answers.find((a) => a.status === 201)!.html)![1];
    expect(answers.find((a) => a.status === 409)!.html).toContain(`/urzad/sprawy/${encodeURIComponent(number)}`);
    expect(await casesTitled(title)).toBe(1);
  });
});
