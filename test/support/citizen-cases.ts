import { openCase, submitDocument } from './cases';
import type { Office } from './office';
import type { Citizen, TestService } from './test-service';
import { waitUntil } from './wait';

/** A case opened from the citizen's own ESP submission, with the office's official responsible. */
export async function caseFromSubmission(service: TestService, office: Office, citizen: Citizen, title = 'Wniosek o zaświadczenie') {
  const submissionId = await submitDocument(service, citizen, title, `Treść: ${title}`);
  return openCase(service, office, { jrwaSymbol: '6840', title, submissionId, responsibleLogin: office.official.login });
}

/** A case from a paper application with an internet access key (shown once, here). */
export async function paperCase(service: TestService, office: Office, title = 'Wniosek papierowy', extra: Record<string, unknown> = {}) {
  const opened = await openCase(service, office, { jrwaSymbol: '730', title, applicant: { firstName: 'Anna', lastName: 'Nowak' }, issueAccessKey: true, ...extra });
  return opened as typeof opened & { accessKey: string };
}

/** Presses "Sprawdź stan sprawy"; returns the 202 body. */
export async function checkStatus(service: TestService, token: string, caseNumber: string) {
  const res = await service.api('POST', '/api/v1/status-checks', { token, body: { caseNumber } });
  if (res.status !== 202) throw new Error(`status check: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; caseNumber: string; status: 'queued'; requestedAt: string };
}

/** Waits (with a deadline) until the request is delivered; returns the request and its message. */
export async function awaitAnswer(service: TestService, token: string, requestId: string, timeoutMs = 10_000) {
  let request: any;
  await waitUntil(
    async () => {
      request = (await service.api('GET', `/api/v1/status-checks/${requestId}`, { token })).body;
      return request.status === 'delivered';
    },
    `answer to status check ${requestId}`,
    timeoutMs,
  );
  const message = await service.api('GET', `/api/v1/inbox/${request.messageId}`, { token });
  if (message.status !== 200) throw new Error(`message: ${message.status}`);
  return { request, message: message.body };
}
