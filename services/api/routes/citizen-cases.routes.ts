import type { CitizenCasesService } from '../../citizen-cases/citizen-cases.service';
import { accessKeyBody, citizenCases, linkedCase } from '../../citizen-cases/citizen-cases.schemas';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Moje sprawy'];
const citizen = ['citizen'] as const;

/** The citizen's cases: linking one by its internet access key, and the list. */
export function citizenCaseRoutes(api: ApiRouter, cases: CitizenCasesService): void {
  api
    .route({
      method: 'post',
      path: '/access-keys',
      summary: 'Powiąż sprawę z kontem internetowym kluczem dostępu',
      tags,
      roles: citizen,
      body: accessKeyBody,
      responses: {
        200: { description: 'Sprawa powiązana z kontem', schema: linkedCase },
        400: { description: 'invalid_key (or validation_failed)', schema: problemSchema },
        ...authProblems,
        404: { description: 'key_not_found', schema: problemSchema },
        ...problems.tooMany,
      },
      handler: async ({ principal, body }) => ({ status: 200, body: await cases.linkByKey(principal.userId, body.key) }),
    })
    .route({
      method: 'get',
      path: '/cases',
      summary: 'Moje sprawy: założone z moich pism i powiązane kluczem, najnowsze najpierw',
      tags,
      roles: citizen,
      responses: { 200: { description: 'Sprawy', schema: citizenCases }, ...authProblems },
      handler: async ({ principal }) => ({ status: 200, body: await cases.list(principal.userId) }),
    });
}
