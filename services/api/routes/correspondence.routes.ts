import type { ActorService } from '../../audit/actor';
import {
  callList,
  createCallBody,
  createdCall,
  documentFileParams,
  documentList,
  letterParams,
  letterSchema,
  replyBody,
  replyReceipt,
  sendLetterBody,
  sentLetter,
} from '../../correspondence/correspondence.schemas';
import type { DomainServices } from '../../domain-services';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';
import { caseNumberParams } from '../../office/office.schemas';
import type { ApiRouter } from '../api-router';

const tags = ['Korespondencja w sprawie'];
const citizen = ['citizen'] as const;
const readers = ['registrar', 'official', 'admin'] as const;
const writers = ['official', 'admin'] as const;
const notYours = { 404: { description: 'not_found: no such case, or not one of the caller\'s (the same answer)', schema: problemSchema } };
const staffNotFound = { 404: { description: 'not_found: no such case, or not one the caller may read (another unit\'s)', schema: problemSchema } };
const fileResponse = { 200: { description: 'The file (its stored type when allow-listed, else application/octet-stream), as an attachment download' } };

type Services = Pick<DomainServices, 'calls' | 'replies' | 'letters' | 'documents'>;

/** Correspondence in a case both ways: calls for completion and replies (KPA art. 64 §2), office letters, documents and their files. */
export function correspondenceRoutes(api: ApiRouter, actors: ActorService, { calls, replies, letters, documents }: Services): void {
  const actorOf = (principal: Parameters<ActorService['of']>[0], ip: string | undefined) => actors.of(principal, { ip: ip ?? null });
  api
    .route({
      method: 'post',
      path: '/office/cases/:number/calls',
      summary: 'Wezwij strony do uzupełnienia wniosku (art. 64 § 2 KPA); sprawa czeka na uzupełnienie',
      tags,
      roles: writers,
      params: caseNumberParams,
      body: createCallBody,
      responses: {
        201: { description: 'Wezwanie; każda powiązana osoba dostaje wiadomość case_call_for_completion', schema: createdCall },
        ...problems.badRequest,
        ...authProblems,
        ...problems.notFound,
        409: { description: 'case_closed', schema: problemSchema },
      },
      handler: async ({ principal, params, body, req }) => ({ status: 201, body: await calls.create(await actorOf(principal, req.ip), params.number, body) }),
    })
    .route({
      method: 'get',
      path: '/office/cases/:number/calls',
      summary: 'Wezwania do uzupełnienia w sprawie, od najstarszych',
      tags,
      roles: readers,
      params: caseNumberParams,
      responses: { 200: { description: 'Wezwania', schema: callList }, ...authProblems, ...staffNotFound },
      handler: async ({ principal, params, req }) => ({ status: 200, body: await calls.forOffice(await actorOf(principal, req.ip), params.number) }),
    })
    .route({
      method: 'get',
      path: '/cases/:number/calls',
      summary: 'Wezwania do uzupełnienia w mojej sprawie, od najstarszych',
      tags,
      roles: citizen,
      params: caseNumberParams,
      responses: { 200: { description: 'Wezwania', schema: callList }, ...authProblems, ...notYours },
      handler: async ({ principal, params }) => ({ status: 200, body: await calls.forCitizen(principal.userId, params.number) }),
    })
    .route({
      method: 'post',
      path: '/cases/:number/replies',
      summary: 'Odpowiedz w sprawie (na wezwanie do uzupełnienia albo bez niego); odpowiedzią jest potwierdzenie odbioru',
      tags,
      roles: citizen,
      params: caseNumberParams,
      body: replyBody,
      bodyLimit: '10mb',
      responses: {
        201: { description: 'Potwierdzenie odbioru; odpowiedź na otwarte wezwanie zamyka je i przywraca sprawę do stanu in_progress', schema: replyReceipt },
        400: { description: 'validation_failed; also a callId that is not an open call of this case (on the field callId)', schema: problemSchema },
        ...authProblems,
        ...notYours,
        409: { description: 'case_closed', schema: problemSchema },
        ...problems.tooLarge,
      },
      handler: async ({ principal, params, body }) => ({ status: 201, body: await replies.reply(principal.userId, params.number, body) }),
    })
    .route({
      method: 'post',
      path: '/office/cases/:number/letters',
      summary: 'Wyślij stronom pismo w sprawie (decyzję, zawiadomienie) do skrzynek kontaktowych',
      tags,
      roles: writers,
      params: caseNumberParams,
      body: sendLetterBody,
      bodyLimit: '10mb',
      responses: {
        201: { description: 'Pismo wysłane; każda powiązana osoba dostaje wiadomość case_letter', schema: sentLetter },
        ...problems.badRequest,
        ...authProblems,
        ...problems.notFound,
        ...problems.tooLarge,
      },
      handler: async ({ principal, params, body, req }) => ({ status: 201, body: await letters.send(await actorOf(principal, req.ip), params.number, body) }),
    })
    .route({
      method: 'get',
      path: '/cases/:number/letters/:id',
      summary: 'Pismo urzędu w mojej sprawie; pierwsze otwarcie zostaje zapisane',
      tags,
      roles: citizen,
      params: letterParams,
      responses: { 200: { description: 'Pismo', schema: letterSchema }, ...authProblems, ...notYours },
      handler: async ({ principal, params }) => ({ status: 200, body: await letters.read(principal.userId, params.number, params.id) }),
    })
    .route({
      method: 'get',
      path: '/cases/:number/documents',
      summary: 'Dokumenty mojej sprawy w obie strony, od najstarszych',
      tags,
      roles: citizen,
      params: caseNumberParams,
      responses: { 200: { description: 'Dokumenty', schema: documentList }, ...authProblems, ...notYours },
      handler: async ({ principal, params }) => ({ status: 200, body: await documents.forCitizen(principal.userId, params.number) }),
    })
    .route({
      method: 'get',
      path: '/office/cases/:number/documents',
      summary: 'Dokumenty sprawy w obie strony, od najstarszych, z chwilą otwarcia pism urzędu (odczyt w dzienniku zdarzeń)',
      tags,
      roles: readers,
      params: caseNumberParams,
      responses: { 200: { description: 'Dokumenty', schema: documentList }, ...authProblems, ...staffNotFound },
      handler: async ({ principal, params, req }) => ({ status: 200, body: await documents.forOffice(await actorOf(principal, req.ip), params.number) }),
    })
    .route({
      method: 'get',
      path: '/cases/:number/documents/:documentId/attachments/:attachmentId',
      summary: 'Pobierz załącznik dokumentu mojej sprawy',
      tags,
      roles: citizen,
      params: documentFileParams,
      responses: { ...fileResponse, ...authProblems, ...notYours },
      handler: async ({ principal, params }) => ({
        status: 200,
        file: await documents.citizenFile(principal.userId, params.number, params.documentId, params.attachmentId),
      }),
    })
    .route({
      method: 'get',
      path: '/office/cases/:number/documents/:documentId/attachments/:attachmentId',
      summary: 'Pobierz załącznik dokumentu sprawy (pobranie w dzienniku zdarzeń)',
      tags,
      roles: readers,
      params: documentFileParams,
      responses: { ...fileResponse, ...authProblems, ...staffNotFound },
      handler: async ({ principal, params, req }) => ({
        status: 200,
        file: await documents.officeFile(await actorOf(principal, req.ip), params.number, params.documentId, params.attachmentId),
      }),
    });
}
