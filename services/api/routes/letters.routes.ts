import { z } from 'zod';
import type { ActorService } from '../../audit/actor';
import type { Principal } from '../../auth/token.service';
import { authProblems, problems } from '../../http/problem.schema';
import type { Reader, SubmissionReadingService } from '../../submissions/submission-reading.service';
import { attachmentParams, officeSubmissionDetail, submissionDetail, submissionParams } from '../../submissions/submission.schemas';
import type { ApiRouter } from '../api-router';

const tags = ['Pisma i dokumenty'];
const citizen = ['citizen'] as const;
const officeReaders = ['registrar', 'official', 'admin'] as const;

/** A downloaded file in the OpenAPI document: bytes of the stored type (allow-listed), as an attachment. */
export const fileResponse = {
  description: 'The file (Content-Disposition: attachment; its stored type when allow-listed, else application/octet-stream; nosniff)',
  schema: z.string().meta({ format: 'binary' }),
  contentType: 'application/octet-stream',
};

/** Reading submissions and replies again with their files: the sender, and the office. */
export function letterRoutes(api: ApiRouter, actors: ActorService, reading: SubmissionReadingService): void {
  const readerOf = async (principal: Principal, ip: string | null): Promise<Reader> =>
    principal.role === 'citizen' ? { kind: 'sender', userId: principal.userId } : { kind: 'staff', actor: await actors.of(principal, { ip }) };

  api
    .route({
      method: 'get',
      path: '/submissions/:id',
      summary: 'Moje pismo: treść, załączniki i dane potwierdzenia odbioru',
      tags,
      roles: citizen,
      params: submissionParams,
      responses: { 200: { description: 'Pismo', schema: submissionDetail }, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params }) => ({ status: 200, body: await reading.own(principal.userId, params.id) }),
    })
    .route({
      method: 'get',
      path: '/office/submissions/:id',
      summary: 'Pismo wpływające z nadawcą i załącznikami (odczyt zapisywany w dzienniku zdarzeń)',
      tags,
      roles: officeReaders,
      params: submissionParams,
      responses: {
        200: { description: 'Pismo z nadawcą. Registrars and admins read every one; an official those of a case of their unit.', schema: officeSubmissionDetail },
        ...authProblems,
        ...problems.notFound,
      },
      handler: async ({ principal, params, req }) => ({ status: 200, body: await reading.atOffice(await actors.of(principal, { ip: req.ip ?? null }), params.id) }),
    })
    .route({
      method: 'get',
      path: '/submissions/:id/attachments/:attachmentId',
      summary: 'Pobierz załącznik pisma (nadawca; w urzędzie ten, kto może czytać pismo — pobranie trafia do dziennika zdarzeń)',
      tags,
      roles: [...citizen, ...officeReaders],
      params: attachmentParams,
      responses: { 200: fileResponse, ...authProblems, ...problems.notFound },
      handler: async ({ principal, params, req }) => ({
        status: 200,
        file: await reading.file(await readerOf(principal, req.ip ?? null), params.id, params.attachmentId),
      }),
    });
}
