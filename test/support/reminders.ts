import { createOffice, type Office } from './office';
import type { Citizen, TestService } from './test-service';

/** Moves the case's deadline a day into the past: the case becomes overdue (as isOverdue says). */
export async function makeOverdue(service: TestService, number: string): Promise<void> {
  await service.ctx.dataSource.query(`UPDATE cases SET due_at = now() - interval '1 day' WHERE number = $1`, [number]);
}

/** POST /cases/:number/reminders as `token`. */
export function fileReminder(service: TestService, token: string, number: string, justification: unknown = 'Sprawa trwa już ponad dwa miesiące.') {
  return service.api('POST', `/api/v1/cases/${encodeURIComponent(number)}/reminders`, { token, body: { justification } });
}

/** POST /office/reminders/:id/forward as `token`. */
export function forwardReminder(service: TestService, token: string, id: string, forwardedTo: unknown = 'Samorządowe Kolegium Odwoławcze w Pile') {
  return service.api('POST', `/api/v1/office/reminders/${id}/forward`, { token, body: { forwardedTo } });
}

/** GET /office/reminders (with an optional query) as `token`. */
export function listReminders(service: TestService, token: string, query = '') {
  return service.api('GET', `/api/v1/office/reminders${query}`, { token });
}

/**
 * The usual set-up of a ponaglenie test file: starts `service`, makes a demo office and three
 * citizens (the applicant, a key holder, a stranger) before the file's tests, stops the service
 * after them. The returned objects are filled in by the time the tests run.
 */
export function serviceWithOfficeAndCitizens(service: TestService) {
  const world = { office: {} as Office, applicant: {} as Citizen, keyHolder: {} as Citizen, stranger: {} as Citizen };
  beforeAll(async () => {
    await service.start();
    Object.assign(world.office, await createOffice(service));
    const [applicant, keyHolder, stranger] = await Promise.all([service.citizen(), service.citizen(), service.citizen()]);
    Object.assign(world.applicant, applicant);
    Object.assign(world.keyHolder, keyHolder);
    Object.assign(world.stranger, stranger);
  });
  afterAll(() => service.stop());
  return world;
}
