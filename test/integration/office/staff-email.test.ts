import { randomBytes } from 'node:crypto';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const password = 'Mocne-Haslo-Pracownika-2026';
const tag = () => randomBytes(4).toString('hex');
const createStaff = (body: Record<string, unknown>) => service.api('POST', '/api/v1/admin/staff', { token: office.admin.token, body });
const official = (extra: Record<string, unknown>) => ({ login: `ref.${tag()}`, password, firstName: 'Ewa', lastName: 'Nowak', role: 'official', unitSymbol: office.unitSymbol, ...extra });

describe('the e-mail address of a staff account (deadline reminders go there)', () => {
  test('when an admin gives an address, then the account has it and GET /me shows it', async () => {
    const email = `ewa.${tag()}@urzad.example`;
    const body = official({ email });
    const res = await createStaff(body);
    expect(res.status).toBe(201);
    const me = await service.api('GET', '/api/v1/me', { token: await service.login(body.login, password) });
    expect(me.body.email).toBe(email);
  });

  test('when the address is malformed, then 400 on email', async () => {
    const res = await createStaff(official({ email: 'ewa.nowak@' }));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['email']);
  });

  test('when the address already has an account, then 409 email_taken and nothing is created', async () => {
    const email = `wspolny.${tag()}@urzad.example`;
    expect((await createStaff(official({ email }))).status).toBe(201);
    const second = official({ email: email.toUpperCase() });
    const res = await createStaff(second);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('email_taken');
    expect(await service.ctx.dataSource.query(`SELECT 1 FROM users WHERE login = $1`, [second.login])).toHaveLength(0);
  });
});
