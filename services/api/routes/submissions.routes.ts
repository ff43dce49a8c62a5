import { ownSubmissions, submissionReceipt, submitBody } from '../../submissions/submission.schemas';
import type { SubmissionService } from '../../submissions/submission.service';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Elektroniczna Skrzynka Podawcza'];
const citizen = ['citizen'] as const;

/** The electronic submission box (ESP) for citizens. */
export function submissionRoutes(api: ApiRouter, submissions: SubmissionService): void {
  api
    .route({
      method: 'post',
      path: '/submissions',
      summary: 'Wyślij pismo do urzędu; odpowiedzią jest potwierdzenie odbioru (najwyżej RATE_LIMIT_SUBMISSIONS pism i odpowiedzi na godzinę)',
      tags,
      roles: citizen,
      body: submitBody,
      bodyLimit: '10mb',
      responses: {
        201: { description: 'Potwierdzenie odbioru', schema: submissionReceipt },
        ...problems.badRequest,
        ...authProblems,
        413: { description: 'payload_too_large (attachments over 5 MiB together), storage_quota_exceeded (the account keeps at most 50 MiB of files)', schema: problemSchema },
        ...problems.tooMany,
      },
      handler: async ({ principal, body }) => ({ status: 201, body: await submissions.submit(principal.userId, body) }),
    })
    .route({
      method: 'get',
      path: '/submissions',
      summary: 'Moje pisma',
      tags,
      roles: citizen,
      responses: { 200: { description: 'Pisma', schema: ownSubmissions }, ...authProblems },
      handler: async ({ principal }) => ({ status: 200, body: await submissions.listOwn(principal.userId) }),
    });
}
