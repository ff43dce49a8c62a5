import { z } from 'zod';
import type { ActorService } from '../../audit/actor';
import { createStaffBody, createUnitBody, unitSchema } from '../../office/office.schemas';
import type { UnitsService } from '../../office/units.service';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Administracja'];
const admin = ['admin'] as const;

/** Organisational units and staff accounts. */
export function adminRoutes(api: ApiRouter, actors: ActorService, units: UnitsService): void {
  api
    .route({
      method: 'post',
      path: '/admin/units',
      summary: 'Dodaj komórkę organizacyjną',
      tags,
      roles: admin,
      body: createUnitBody,
      responses: {
        201: { description: 'Komórka', schema: unitSchema },
        ...problems.badRequest,
        ...authProblems,
        409: { description: 'unit_exists', schema: problemSchema },
      },
      handler: async ({ principal, body, req }) => ({ status: 201, body: await units.createUnit(await actors.of(principal, { ip: req.ip ?? null }), body) }),
    })
    .route({
      method: 'get',
      path: '/admin/units',
      summary: 'Komórki organizacyjne',
      tags,
      roles: admin,
      responses: { 200: { description: 'Komórki', schema: z.object({ items: z.array(unitSchema) }) }, ...authProblems },
      handler: async () => ({ status: 200, body: await units.listUnits() }),
    })
    .route({
      method: 'post',
      path: '/admin/staff',
      summary: 'Załóż konto pracownika (kancelaria, referent, administrator)',
      tags,
      roles: admin,
      body: createStaffBody,
      responses: {
        201: { description: 'Konto', schema: z.object({ id: z.uuid(), login: z.string(), role: z.string() }) },
        ...problems.badRequest,
        ...authProblems,
        ...problems.notFound,
        409: { description: 'login_taken', schema: problemSchema },
      },
      handler: async ({ principal, body, req }) => ({ status: 201, body: await units.createStaff(await actors.of(principal, { ip: req.ip ?? null }), body) }),
    });
}
