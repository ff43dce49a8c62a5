import { randomBytes } from 'node:crypto';
import { createOffice, type Office } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
let office: Office;
let registrars: string[];

beforeAll(async () => {
  await service.start({ workers: false });
  office = await createOffice(service);
  const more = await Promise.all(
    [1, 2].map(async (i) => {
      const login = `registrar.${i}.${randomBytes(3).toString('hex')}`;
      const password = `Bardzo-Tajne-Haslo-${i}-kancelaria`;
      const res = await service.api('POST', '/api/v1/admin/staff', {
        token: office.admin.token,
        body: { login, password, firstName: 'Rejestrator', lastName: `Numer ${'ABCDEFGHIJ'[i]}`, role: 'registrar' },
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return service.login(login, password);
    }),
  );
  registrars = [office.registrar.token, ...more];
});
afterAll(() => service.stop());

describe('case numbers under concurrency', () => {
  test('when three registrars open 50 cases of one unit and class at once, then the numbers are exactly 1..50', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        service.api('POST', '/api/v1/office/cases', {
          token: registrars[i % registrars.length],
          body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: `Sprawa ${i}`, applicant: { firstName: 'Jan', lastName: 'Nowak' }, issueAccessKey: i % 2 === 0 },
        }),
      ),
    );
    expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    const seqs = results.map((r) => Number(r.body.number.split('.')[2])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const [{ n }] = await service.ctx.dataSource.query(
      `SELECT count(DISTINCT c.number)::int AS n FROM cases c JOIN units u ON u.id = c.unit_id WHERE u.symbol = $1`,
      [office.unitSymbol],
    );
    expect(n).toBe(50);
  });
});
