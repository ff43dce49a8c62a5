import { DateTime } from 'luxon';
import { earliestCallDueDate } from '../../services/correspondence/call-rules';
import type { TestService } from './test-service';

const path = (number: string) => encodeURIComponent(number);

/** A `YYYY-MM-DD` `days` after the earliest acceptable last day of a call made now (0: the earliest itself). */
export function callDueDate(extraDays = 0): string {
  return DateTime.fromISO(earliestCallDueDate(new Date())).plus({ days: extraDays }).toISODate()!;
}

/** A small file as the API takes it. */
export function textFile(filename = 'uzupelnienie.txt', text = 'Brakujący dokument.', contentType = 'text/plain') {
  return { filename, contentType, dataBase64: Buffer.from(text).toString('base64') };
}

/** POST /office/cases/:number/calls as `token`. */
export function callForCompletion(service: TestService, token: string, number: string, body: unknown = { what: 'Proszę dołączyć kopię mapy zasadniczej.', dueDate: callDueDate() }) {
  return service.api('POST', `/api/v1/office/cases/${path(number)}/calls`, { token, body });
}

/** POST /cases/:number/replies as `token`. */
export function reply(service: TestService, token: string, number: string, body: unknown) {
  return service.api('POST', `/api/v1/cases/${path(number)}/replies`, { token, body });
}

/** POST /office/cases/:number/letters as `token`. */
export function sendLetter(service: TestService, token: string, number: string, body: unknown = { title: 'Decyzja w sprawie', content: 'Urząd postanawia…' }) {
  return service.api('POST', `/api/v1/office/cases/${path(number)}/letters`, { token, body });
}

/** GET a case's sub-resource as `token` (`/cases/…` or `/office/cases/…`). */
export function caseGet(service: TestService, token: string, side: 'citizen' | 'office', number: string, rest: string) {
  return service.api('GET', `/api/v1${side === 'office' ? '/office' : ''}/cases/${path(number)}${rest}`, { token });
}

/** The messages of one kind in the citizen's inbox. */
export async function messagesOfKind(service: TestService, token: string, kind: string): Promise<any[]> {
  return (await service.api('GET', '/api/v1/inbox?limit=100', { token })).body.items.filter((m: any) => m.kind === kind);
}
