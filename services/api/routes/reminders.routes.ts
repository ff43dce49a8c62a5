import type { ActorService } from '../../audit/actor';
import { caseNumberParams } from '../../office/office.schemas';
import { fileReminderBody, filedReminder, forwardReminderBody, officeRemindersQuery, reminderIdParams, reminderList, reminderSchema } from '../../reminders/reminder.schemas';
import type { ReminderService } from '../../reminders/reminder.service';
import type { ApiRouter } from '../api-router';
import { authProblems, problemSchema, problems } from '../../http/problem.schema';

const tags = ['Ponaglenia'];

/** Ponaglenia (KPA art. 37): a citizen files one in an overdue case, the office lists and passes them on. */
export function reminderRoutes(api: ApiRouter, actors: ActorService, reminders: ReminderService): void {
  api
    .route({
      method: 'post',
      path: '/cases/:number/reminders',
      summary: 'Złóż ponaglenie w sprawie załatwianej po terminie (art. 37 KPA)',
      tags,
      roles: ['citizen'] as const,
      params: caseNumberParams,
      body: fileReminderBody,
      responses: {
        201: { description: 'Ponaglenie złożone; urząd przekaże je do forwardBy', schema: filedReminder },
        ...problems.badRequest,
        ...authProblems,
        404: { description: 'not_found: no such case, or not one of the caller\'s (the same answer)', schema: problemSchema },
        409: { description: 'not_overdue, or reminder_pending (one open ponaglenie per case)', schema: problemSchema },
      },
      handler: async ({ principal, params, body, req }) => ({
        status: 201,
        body: await reminders.file(principal.userId, { ip: req.ip ?? null }, params.number, body),
      }),
    })
    .route({
      method: 'get',
      path: '/office/reminders',
      summary: 'Ponaglenia, od najnowszych (referent: sprawy swojej komórki)',
      tags,
      roles: ['registrar', 'official', 'admin'] as const,
      query: officeRemindersQuery,
      responses: { 200: { description: 'Ponaglenia', schema: reminderList }, ...problems.badRequest, ...authProblems },
      handler: async ({ principal, query, req }) => ({
        status: 200,
        body: await reminders.list(await actors.of(principal, { ip: req.ip ?? null }), query.status),
      }),
    })
    .route({
      method: 'post',
      path: '/office/reminders/:id/forward',
      summary: 'Przekaż ponaglenie organowi wyższego stopnia (art. 37 § 4 KPA)',
      tags,
      roles: ['registrar', 'official', 'admin'] as const,
      params: reminderIdParams,
      body: forwardReminderBody,
      responses: {
        200: { description: 'Ponaglenie po przekazaniu', schema: reminderSchema },
        ...problems.badRequest,
        ...authProblems,
        ...problems.notFound,
        409: { description: 'already_forwarded', schema: problemSchema },
      },
      handler: async ({ principal, params, body, req }) => ({
        status: 200,
        body: await reminders.forward(await actors.of(principal, { ip: req.ip ?? null }), params.id, body),
      }),
    });
}
