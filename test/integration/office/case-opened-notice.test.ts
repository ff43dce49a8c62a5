import { accessKeyHash } from '../../../services/cases/access-keys';
import { serviceWithOffice } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';
import { waitUntil } from '../../support/wait';

const service = new TestService();
const office = serviceWithOffice(service);

/** A citizen sends a document, the registrar opens a case from it; resolves with the case_opened message. */
async function openFromSubmission(citizen: Citizen, requestAccessKey: boolean | undefined, title: string) {
  const sub = await service.api('POST', '/api/v1/submissions', {
    token: citizen.token,
    body: { title: 'Wniosek', content: 'Treść wniosku', ...(requestAccessKey === undefined ? {} : { requestAccessKey }) },
  });
  const opened = await service.api('POST', '/api/v1/office/cases', {
    token: office.registrar.token,
    // issueAccessKey does not apply to a submission: only the citizen's own request counts.
    body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title, submissionId: sub.body.id, issueAccessKey: true },
  });
  expect(opened.status).toBe(201);
  expect(opened.body).not.toHaveProperty('accessKey');
  let notice: any;
  await waitUntil(async () => {
    const inbox = await service.api('GET', '/api/v1/inbox', { token: citizen.token });
    notice = inbox.body.items.find((m: any) => m.kind === 'case_opened' && m.data.caseNumber === opened.body.number);
    return notice !== undefined;
  }, 'the case_opened message');
  return { opened: opened.body, notice };
}

describe('the case_opened message', () => {
  test('when the submission did not ask for a key, then the message data has no accessKey property and no key is issued', async () => {
    const citizen = await service.citizen();
    for (const request of [undefined, false]) {
      const { opened, notice } = await openFromSubmission(citizen, request, 'Bez klucza');
      expect(notice.data).toEqual({
        caseNumber: opened.number,
        title: 'Bez klucza',
        startedAt: opened.startedAt,
        dueAt: opened.dueAt,
        unitName: office.unitName,
        responsiblePerson: null,
      });
      expect(notice.bodyText).not.toMatch(/klucz dostępu:/i);
      expect(await service.ctx.dataSource.query(`SELECT 1 FROM access_keys WHERE case_id = $1`, [opened.id])).toHaveLength(0);
    }
  });

  test('when the submission asked for a key, then the message carries it and it is the case\'s one live key', async () => {
    const citizen = await service.citizen();
    const { opened, notice } = await openFromSubmission(citizen, true, 'Z kluczem');
    expect(notice.data.accessKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(notice.bodyText).toContain(notice.data.accessKey);
    const live = await service.ctx.dataSource.query(`SELECT key_hash FROM access_keys WHERE case_id = $1 AND revoked_at IS NULL`, [opened.id]);
    expect(live).toEqual([{ key_hash: accessKeyHash(notice.data.accessKey) }]);
  });

  test('when the "new message" e-mail follows, then it holds neither the case number, the key nor the title', async () => {
    const citizen = await service.citizen();
    const title = 'Rozgraniczenie działki nr 123/4';
    const { opened, notice } = await openFromSubmission(citizen, true, title);
    // Activation, account ready, the receipt's notice, then the case_opened notice.
    const mail = await service.mail.waitFor(citizen.email, /Nowa wiadomość/, 2);
    expect(mail.text).toContain(`/skrzynka/${notice.id}`);
    for (const m of service.mail.to(citizen.email)) {
      for (const secret of [opened.number, notice.data.accessKey, notice.data.accessKey.replace(/-/g, ''), title]) {
        expect(m.subject + m.text + m.html).not.toContain(secret);
      }
    }
  });
});
