import { officeYear } from '../../../services/cases/case-number';
import { createOffice, serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const open = (unitSymbol: string, jrwaSymbol: string) =>
  service.api('POST', '/api/v1/office/cases', {
    token: office.registrar.token,
    body: { unitSymbol, jrwaSymbol, title: 'Numeracja', applicant: { firstName: 'Jan', lastName: 'Nowak' } },
  });

describe('case numbers UNIT.JRWA.SEQ.YEAR', () => {
  test('when cases are opened in one unit and class, then they count 1, 2, 3 with the Warsaw year of the start date', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await open(office.unitSymbol, '6840');
      expect(res.status).toBe(201);
      expect(officeYear(new Date(res.body.startedAt))).toBe(Number(res.body.number.split('.')[3]));
      numbers.push(res.body.number);
    }
    const year = officeYear(new Date());
    expect(numbers).toEqual([1, 2, 3].map((n) => `${office.unitSymbol}.6840.${n}.${year}`));
  });

  test('when another JRWA class or another unit is used, then its count starts at 1 again', async () => {
    const year = officeYear(new Date());
    expect((await open(office.unitSymbol, '6841')).body.number).toBe(`${office.unitSymbol}.6841.1.${year}`);
    expect((await open(office.unitSymbol, '6841')).body.number).toBe(`${office.unitSymbol}.6841.2.${year}`);
    const other = await createOffice(service);
    expect((await open(other.unitSymbol, '6840')).body.number).toBe(`${other.unitSymbol}.6840.1.${year}`);
  });

  test('when the unit symbol is typed in small letters with spaces, then it is trimmed and upper-cased', async () => {
    const res = await open(`  ${office.unitSymbol.toLowerCase()} `, '7');
    expect(res.status).toBe(201);
    expect(res.body.number).toBe(`${office.unitSymbol}.7.1.${officeYear(new Date())}`);
  });

  test('when a case is opened, then its stored seq and year are those of its number', async () => {
    // The year itself comes from officeYear (unit-tested at 2026-12-31T23:30Z → 2027).
    const res = await open(office.unitSymbol, '8');
    const [row] = await service.ctx.dataSource.query(`SELECT seq, year FROM cases WHERE id = $1`, [res.body.id]);
    expect(`${office.unitSymbol}.8.${row.seq}.${row.year}`).toBe(res.body.number);
  });
});
