import type { ActorService } from '../../audit/actor';
import { unitSchema } from '../../office/office.schemas';
import { staffIdParams, staffList, staffView, unitSymbolParams, updateStaffBody, updateUnitBody } from '../../office/staff-admin.schemas';
import type { StaffAdminService } from '../../office/staff-admin.service';
import type { UnitsService } from '../../office/units.service';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Administracja'];
const admin = ['admin'] as const;

/** The admin's staff list and changes to staff accounts and units. */
export function staffAdminRoutes(api: ApiRouter, actors: ActorService, staff: StaffAdminService, units: UnitsService): void {
  api
    .route({
      method: 'get',
      path: '/admin/staff',
      summary: 'Konta pracowników',
      tags,
      roles: admin,
      responses: { 200: { description: 'Pracownicy', schema: staffList }, ...authProblems },
      handler: async () => ({ status: 200, body: await staff.list() }),
    })
    .route({
      method: 'patch',
      path: '/admin/staff/:id',
      summary: 'Zmień konto pracownika: wyłącz lub włącz, rola, komórka, adres e-mail',
      tags,
      roles: admin,
      params: staffIdParams,
      body: updateStaffBody,
      responses: {
        200: { description: 'Konto; wyłączenie lub zmiana roli unieważnia od razu wszystkie jego tokeny', schema: staffView },
        ...problems.badRequest,
        ...authProblems,
        ...problems.notFound,
        409: { description: 'last_admin, email_taken', schema: problemSchema },
      },
      handler: async ({ principal, params, body, req }) => ({ status: 200, body: await staff.update(await actors.of(principal, { ip: req.ip ?? null }), params.id, body) }),
    })
    .route({
      method: 'delete',
      path: '/admin/staff/:id/mfa',
      summary: 'Wyłącz logowanie dwuetapowe pracownika (np. zgubiony telefon); jego sesje się kończą',
      tags,
      roles: admin,
      params: staffIdParams,
      responses: { 200: { description: 'Konto', schema: staffView }, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params, req }) => ({ status: 200, body: await staff.resetMfa(await actors.of(principal, { ip: req.ip ?? null }), params.id) }),
    })
    .route({
      method: 'patch',
      path: '/admin/units/:symbol',
      summary: 'Zmień nazwę, telefon lub adres e-mail komórki',
      tags,
      roles: admin,
      params: unitSymbolParams,
      body: updateUnitBody,
      responses: { 200: { description: 'Komórka', schema: unitSchema }, ...problems.badRequest, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params, body, req }) => ({ status: 200, body: await units.updateUnit(await actors.of(principal, { ip: req.ip ?? null }), params.symbol, body) }),
    });
}
