import type { TestService } from './test-service';

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
