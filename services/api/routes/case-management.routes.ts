import type { ActorService } from '../../audit/actor';
import { caseDetail, caseList, caseListQuery, changeCaseBody, unitCaseCounts } from '../../office/case-management.schemas';
import type { CaseManagementService } from '../../office/case-management.service';
import { caseNumberParams } from '../../office/office.schemas';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Sprawy'];
const staff = ['registrar', 'official', 'admin'] as const;
const deciders = ['official', 'admin'] as const;

/** Running cases: the office's list, one case with its history, and changes by officials. */
export function caseManagementRoutes(api: ApiRouter, actors: ActorService, cases: CaseManagementService): void {
  api
    .route({
      method: 'get',
      path: '/office/cases',
      summary: 'Sprawy urzędu (filtr: stan, komórka, tekst), od najnowszych; widoki moje / po terminie / termin w ciągu 7 dni według terminu',
      tags,
      roles: staff,
      query: caseListQuery,
      responses: { 200: { description: 'Strona spraw i ich łączna liczba', schema: caseList }, ...problems.badRequest, ...authProblems },
      handler: async ({ query, principal }) => ({ status: 200, body: await cases.list(query, principal) }),
    })
    .route({
      method: 'get',
      path: '/office/case-counts',
      summary: 'Liczba spraw w komórkach: otwarte, po terminie, z terminem w ciągu 7 dni',
      tags,
      roles: staff,
      responses: { 200: { description: 'Liczby spraw każdej komórki', schema: unitCaseCounts }, ...authProblems },
      handler: async () => ({ status: 200, body: await cases.countsByUnit() }),
    })
    .route({
      method: 'get',
      path: '/office/cases/:number',
      summary: 'Sprawa z historią zmian',
      tags,
      roles: staff,
      params: caseNumberParams,
      responses: { 200: { description: 'Sprawa', schema: caseDetail }, ...authProblems, ...problems.notFound },
      handler: async ({ params }) => ({ status: 200, body: await cases.get(params.number) }),
    })
    .route({
      method: 'patch',
      path: '/office/cases/:number',
      summary: 'Zmień stan, osobę odpowiedzialną, dodaj adnotację lub wyznacz nowy termin (art. 36 KPA)',
      tags,
      roles: deciders,
      params: caseNumberParams,
      body: changeCaseBody,
      responses: {
        200: { description: 'Sprawa po zmianie', schema: caseDetail },
        ...problems.badRequest,
        ...authProblems,
        404: { description: 'Unknown case or official', schema: problemSchema },
        409: { description: 'case_closed', schema: problemSchema },
      },
      handler: async ({ principal, params, body, req }) => ({
        status: 200,
        body: await cases.change(await actors.of(principal, { ip: req.ip ?? null }), params.number, body),
      }),
    });
}
