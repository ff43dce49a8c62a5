import { randomBytes } from 'node:crypto';
import { createStaffAccount } from '../../services/accounts/staff-accounts';
import type { TestService } from './test-service';

export interface Staff {
  login: string;
  password: string;
  token: string;
  id: string;
}

const tag = () => randomBytes(4).toString('hex');

/** A unique unit symbol for one test (`[A-Z]{1,5}-[A-Z0-9]{1,5}`). */
export function uniqueUnitSymbol(): string {
  const letters = () => Array.from(randomBytes(5), (b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${letters().slice(0, 3)}-${letters()}`;
}

/** An admin account made directly in the database (as `npm run cli -- admin:create` does), logged in. */
export async function createAdmin(service: TestService): Promise<Staff> {
  const login = `admin.${tag()}`;
  const password = `Bardzo-Tajne-Haslo-${tag()}`;
  const { id } = await createStaffAccount(service.ctx.dataSource.manager, { login, password, firstName: 'Ada', lastName: 'Admin', role: 'admin' });
  return { login, password, id, token: await service.login(login, password) };
}

/** A demo office for a test: a unit, a registrar and an official of that unit, all logged in. */
export async function createOffice(service: TestService) {
  const admin = await createAdmin(service);
  const unitSymbol = uniqueUnitSymbol();
  const unit = await service.api('POST', '/api/v1/admin/units', {
    token: admin.token,
    body: { symbol: unitSymbol, name: 'Wydział Gospodarki Nieruchomościami', phone: '+48 67 250 00 00', email: 'gn@urzad.example' },
  });
  if (unit.status !== 201) throw new Error(`unit: ${unit.status} ${JSON.stringify(unit.body)}`);
  const staff = async (role: 'registrar' | 'official', firstName: string, lastName: string): Promise<Staff> => {
    const login = `${role}.${tag()}`;
    const password = `Bardzo-Tajne-Haslo-${tag()}`;
    const res = await service.api('POST', '/api/v1/admin/staff', {
      token: admin.token,
      body: { login, password, firstName, lastName, role, ...(role === 'official' ? { unitSymbol } : {}) },
    });
    if (res.status !== 201) throw new Error(`staff: ${res.status} ${JSON.stringify(res.body)}`);
    return { login, password, id: res.body.id, token: await service.login(login, password) };
  };
  const registrar = await staff('registrar', 'Renata', 'Kancelaryjna');
  const official = await staff('official', 'Olga', 'Referent');
  return { admin, unitSymbol, unitName: 'Wydział Gospodarki Nieruchomościami', registrar, official };
}

export type Office = Awaited<ReturnType<typeof createOffice>>;

/**
 * The usual set-up of an office test file: starts `service` (with `options`) and makes a demo
 * office before the file's tests, stops the service after them. The returned office is filled
 * in by the time the tests run.
 */
export function serviceWithOffice(service: TestService, options: { workers?: boolean } = {}): Office {
  const office = {} as Office;
  beforeAll(async () => {
    await service.start(options);
    Object.assign(office, await createOffice(service));
  });
  afterAll(() => service.stop());
  return office;
}
