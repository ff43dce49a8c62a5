import { z } from 'zod';
import type { ActorService } from '../../audit/actor';
import type { CaseOpeningService } from '../../office/case-opening.service';
import type { OfficeSubmissionsService } from '../../office/office-submissions.service';
import { caseNumberParams, officeSubmission, officeSubmissionsQuery, openCaseBody, openedCase } from '../../office/office.schemas';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Kancelaria'];
const registrar = ['registrar'] as const;

/** The filing office: incoming submissions, opening cases, access keys. */
export function officeRoutes(api: ApiRouter, actors: ActorService, submissions: OfficeSubmissionsService, opening: CaseOpeningService): void {
  api
    .route({
      method: 'get',
      path: '/office/submissions',
      summary: 'Pisma wpływające przez ESP',
      tags,
      roles: registrar,
      query: officeSubmissionsQuery,
      responses: { 200: { description: 'Pisma', schema: z.object({ items: z.array(officeSubmission) }) }, ...problems.badRequest, ...authProblems },
      handler: async ({ query }) => ({ status: 200, body: await submissions.list(query.status) }),
    })
    .route({
      method: 'post',
      path: '/office/cases',
      summary: 'Załóż sprawę z pisma ESP albo z wniosku papierowego',
      tags,
      roles: registrar,
      body: openCaseBody,
      responses: {
        201: { description: 'Sprawa założona', schema: openedCase },
        ...problems.badRequest,
        ...authProblems,
        404: { description: 'Unknown unit, submission or official', schema: problemSchema },
        409: { description: 'submission_already_registered', schema: problemSchema },
      },
      handler: async ({ principal, body, req }) => ({
        status: 201,
        body: await opening.open(await actors.of(principal, { ip: req.ip ?? null }), body),
      }),
    })
    .route({
      method: 'post',
      path: '/office/cases/:number/access-key',
      summary: 'Wydaj nowy internetowy klucz dostępu (poprzedni przestaje działać)',
      tags,
      roles: registrar,
      params: caseNumberParams,
      responses: {
        201: { description: 'Nowy klucz, pokazywany tylko raz', schema: z.object({ accessKey: z.string() }) },
        ...authProblems,
        ...problems.notFound,
      },
      handler: async ({ principal, params, req }) => ({
        status: 201,
        body: await opening.reissueKey(await actors.of(principal, { ip: req.ip ?? null }), params.number),
      }),
    });
}
