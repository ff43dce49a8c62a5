import { caseFromSubmission, paperCase } from '../../support/citizen-cases';
import { createOffice, type Office } from '../../support/office';
import { TestService, type Citizen } from '../../support/test-service';

const service = new TestService();
let office: Office;
let citizen: Citizen;

beforeAll(async () => {
  await service.start();
  office = await createOffice(service);
  citizen = await service.citizen();
});
afterAll(() => service.stop());

const enterKey = (token: string, key: unknown) => service.api('POST', '/api/v1/access-keys', { token, body: { key } });

describe('linking a case by its internet access key', () => {
  test('when the key is typed in lower case with spaces instead of dashes, then the case is linked and returned as a CaseSummary', async () => {
    const paper = await paperCase(service, office, 'Wniosek o wypis z rejestru');
    const res = await enterKey(citizen.token, ` ${paper.accessKey.toLowerCase().replace(/-/g, ' ')} `);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      case: {
        number: paper.number,
        title: 'Wniosek o wypis z rejestru',
        status: 'registered',
        statusLabel: 'Zarejestrowana',
        startedAt: paper.startedAt,
        endedAt: null,
        dueAt: paper.dueAt,
        overdue: false,
        pausedSince: null,
        expectedBy: null,
        unit: { symbol: office.unitSymbol, name: office.unitName, phone: '+48 67 250 00 00', email: 'gn@urzad.example' },
        responsiblePerson: null,
      },
    });
    const links = await service.ctx.dataSource.query(`SELECT via FROM case_links l JOIN cases c ON c.id = l.case_id WHERE c.number = $1 AND l.user_id = $2`, [
      paper.number,
      citizen.id,
    ]);
    expect(links).toEqual([{ via: 'access_key' }]);
  });

  test('when the key has no dashes or is entered a second time, then it links the same case again without error', async () => {
    const paper = await paperCase(service, office);
    const bare = paper.accessKey.replace(/-/g, '');
    expect((await enterKey(citizen.token, bare)).status).toBe(200);
    const again = await enterKey(citizen.token, paper.accessKey);
    expect(again.status).toBe(200);
    expect(again.body.case.number).toBe(paper.number);
  });

  test('when the key is malformed, then 400 invalid_key', async () => {
    for (const key of ['', 'ABCD-EFGH', 'ABCD-EFGH-JKMN-PQR', 'ABCD-EFGH-JKMN-PQRU', 'ABCD-EFGH-JKMN-PQRS-T', 'ĄBCD-EFGH-JKMN-PQRS']) {
      const res = await enterKey(citizen.token, key);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_key');
    }
    expect((await enterKey(citizen.token, 42)).body.code).toBe('validation_failed');
  });

  test('when the key is unknown or was replaced by a new one, then 404 key_not_found', async () => {
    const someone = await service.citizen();
    const unknown = await enterKey(someone.token, '0000-0000-0000-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('key_not_found');

    const paper = await paperCase(service, office);
    const reissued = await service.api('POST', `/api/v1/office/cases/${paper.number}/access-key`, { token: office.registrar.token });
    expect(reissued.status).toBe(201);
    const revoked = await enterKey(someone.token, paper.accessKey);
    expect(revoked.status).toBe(404);
    expect(revoked.body.code).toBe('key_not_found');
    expect((await enterKey(someone.token, reissued.body.accessKey)).status).toBe(200);
  });

  test('when a citizen enters 5 well-formed keys that match nothing, then the 6th attempt is 429 with Retry-After, even with a good key; malformed keys do not count', async () => {
    const guesser = await service.citizen();
    const paper = await paperCase(service, office);
    expect((await enterKey(guesser.token, 'zle')).status).toBe(400);
    for (let i = 1; i <= 4; i++) expect((await enterKey(guesser.token, `0000-0000-0000-000${i}`)).status).toBe(404);
    // A good key in between links, and does not wipe the failures.
    expect((await enterKey(guesser.token, paper.accessKey)).status).toBe(200);
    expect((await enterKey(guesser.token, '0000-0000-0000-0005')).status).toBe(404);
    const blocked = await enterKey(guesser.token, paper.accessKey);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_requests');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    // The limit is per account.
    expect((await enterKey(citizen.token, '0000-0000-0000-0006')).status).toBe(404);
  });

  test('when a citizen sends 12 wrong keys at the same moment, then only 5 are looked up (404) and the other 7 are 429', async () => {
    const guesser = await service.citizen();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => enterKey(guesser.token, `1111-1111-1111-11${String(i).padStart(2, '0')}`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(5).fill(404), ...Array(7).fill(429)]);
  });
});

describe("the citizen's cases", () => {
  test('when a citizen has a case from their submission and one linked by key, then GET /cases lists both, newest first, and only theirs', async () => {
    const owner = await service.citizen();
    const stranger = await service.citizen();
    const fromSubmission = await caseFromSubmission(service, office, owner, 'Sprawa z ESP');
    const paper = await paperCase(service, office, 'Sprawa papierowa');
    await paperCase(service, office, 'Sprawa kogoś innego');
    expect((await enterKey(owner.token, paper.accessKey)).status).toBe(200);

    const res = await service.api('GET', '/api/v1/cases', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => c.number)).toEqual([paper.number, fromSubmission.number]);
    expect(res.body.items[1]).toMatchObject({ title: 'Sprawa z ESP', responsiblePerson: { firstName: 'Olga', lastName: 'Referent' } });

    const none = await service.api('GET', '/api/v1/cases', { token: stranger.token });
    expect(none.body).toEqual({ items: [] });
    expect((await service.api('GET', '/api/v1/cases', { token: office.registrar.token })).status).toBe(403);
    expect((await service.api('GET', '/api/v1/cases')).status).toBe(401);
  });
});
