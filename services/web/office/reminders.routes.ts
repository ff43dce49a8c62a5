import express from 'express';
import { REMINDER_STATUSES } from '../../../entities/case-reminder.entity';
import { forwardReminderBody, reminderIdParams } from '../../reminders/reminder.schemas';
import { AppError } from '../../shared/app-error';
import { officeCasePath, PAGES } from '../../shared/page-paths';
import { postForm } from '../form-page';
import { WebForm, type FieldSpec, type FieldView } from '../web-forms';
import { sendPage } from '../web-render';
import { actorOfPage, staff, type OfficeDeps } from './office-pages';

const FORWARD_FIELDS: FieldSpec[] = [{ name: 'forwardedTo', label: 'Przekazano do', required: 'Wpisz, do jakiego organu przekazano ponaglenie.' }];

/** The ponaglenia (KPA art. 37), newest first, with a form per open one to record that it was passed on. */
export function remindersRoutes({ actors, reminders }: OfficeDeps): express.Router {
  const router = express.Router();

  router.get(PAGES.officeReminders, staff, async (req, res) => {
    const notice = req.query.przekazano !== undefined ? 'Zapisano przekazanie ponaglenia. Mieszkańcy powiązani ze sprawą dostaną wiadomość.' : null;
    await listPage(req, res, null, notice);
  });

  router.post(`${PAGES.officeReminders}/:id/przekazanie`, staff, async (req, res) => {
    const parsed = reminderIdParams.safeParse(req.params);
    if (!parsed.success) throw AppError.notFound('Nie ma takiego ponaglenia.');
    const { id } = parsed.data;
    await postForm(res, {
      form: WebForm.from(FORWARD_FIELDS, req.body),
      parse: (form) => form.parse(forwardReminderBody, { forwardedTo: form.values.forwardedTo ?? '' }),
      act: async (input) => {
        await reminders.forward(await actorOfPage(actors, req, res), id, input);
        return `${PAGES.officeReminders}?przekazano=1`;
      },
      show: (form, status) => listPage(req, res, { id, form }, null, status),
      errorField: 'forwardedTo',
    });
  });

  /** Draws the list; `failed` is the one form sent with problems, shown again next to its ponaglenie. */
  async function listPage(req: express.Request, res: express.Response, failed: { id: string; form: WebForm } | null, notice: string | null, status = 200): Promise<void> {
    const filter = REMINDER_STATUSES.find((s) => s === req.query.stan);
    const { items } = await reminders.list(await actorOfPage(actors, req, res), filter);
    const formOf = (id: string) => (failed?.id === id ? failed.form : new WebForm(FORWARD_FIELDS));
    res.set(failed?.form.headers ?? {});
    sendPage(
      res,
      'urzad/ponaglenia',
      {
        title: 'Ponaglenia',
        notice,
        filter: filter ?? 'all',
        errorList: failed ? failed.form.summary().map((e) => ({ ...e, href: `#${forwardFieldId(failed.id)}` })) : [],
        reminders: items.map((r) => ({
          ...r,
          forwarded: r.status === 'forwarded',
          caseHref: officeCasePath(r.caseNumber),
          action: `${PAGES.officeReminders}/${r.id}/przekazanie`,
          field: r.status === 'filed' ? forwardField(formOf(r.id), r.id) : null,
        })),
      },
      status,
    );
  }

  return router;
}

/** The id of one ponaglenie's "Przekazano do" field: one page holds a form per ponaglenie. */
function forwardFieldId(reminderId: string): string {
  return `przekazano-do-${reminderId}`;
}

function forwardField(form: WebForm, reminderId: string): FieldView {
  const view = form.field('forwardedTo', { autocomplete: 'off', hint: 'Organ wyższego stopnia, np. Samorządowe Kolegium Odwoławcze w Pile.' });
  const id = forwardFieldId(reminderId);
  return { ...view, id, describedBy: view.describedBy?.replaceAll(view.name, id) ?? null };
}
