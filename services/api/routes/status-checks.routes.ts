import { idParams } from '../../inbox/inbox.schemas';
import { statusCheckAccepted, statusCheckBody, statusCheckView } from '../../status-checks/status-check.schemas';
import type { StatusCheckService } from '../../status-checks/status-check.service';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Sprawdź stan sprawy'];
const citizen = ['citizen'] as const;

/** "Sprawdź stan sprawy": the request is queued; the answer arrives in the contact inbox. */
export function statusCheckRoutes(api: ApiRouter, checks: StatusCheckService): void {
  api
    .route({
      method: 'post',
      path: '/status-checks',
      summary: 'Sprawdź stan sprawy (odpowiedź przychodzi do skrzynki kontaktowej)',
      tags,
      roles: citizen,
      body: statusCheckBody,
      responses: {
        202: { description: 'Zapytanie przyjęte; to samo w ciągu 10 sekund ma ten sam identyfikator', schema: statusCheckAccepted },
        400: { description: 'invalid_case_number (or validation_failed)', schema: problemSchema },
        ...authProblems,
        ...problems.tooMany,
      },
      handler: async ({ principal, body }) => ({ status: 202, body: await checks.request(principal.userId, body.caseNumber) }),
    })
    .route({
      method: 'get',
      path: '/status-checks/:id',
      summary: 'Stan jednego zapytania o stan sprawy',
      tags,
      roles: citizen,
      params: idParams,
      responses: { 200: { description: 'Zapytanie', schema: statusCheckView }, ...problems.badRequest, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params }) => ({ status: 200, body: await checks.get(principal.userId, params.id) }),
    });
}
