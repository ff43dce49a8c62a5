import express from 'express';
import { openCaseBody } from '../../office/office.schemas';
import { PAGES } from '../../shared/page-paths';
import { ANSWERED, postForm } from '../form-page';
import { newFormId } from '../one-shot-forms';
import { WebForm } from '../web-forms';
import { sendPage } from '../web-render';
import { actorOfPage, registrar, type OfficeDeps } from './office-pages';
import { alreadySent, formIdOf } from './one-shot-answer';
import { DEFAULT_DEADLINE_CHOICE, OPEN_ALIASES, PAPER_FIELDS, openCaseInput, openingChoices, sendOpeningPage } from './opening-form';

/** Opening a case from a paper application; its access key, when asked for, is shown once. */
export function paperCaseRoutes({ actors, opening, units, oneShot }: OfficeDeps): express.Router {
  const router = express.Router();

  router.get(PAGES.paperCase, registrar, async (_req, res) => {
    sendOpeningPage(res, 'urzad/sprawa-nowa', new WebForm(PAPER_FIELDS, { deadline: DEFAULT_DEADLINE_CHOICE }), await openingChoices(units), { formId: newFormId() });
  });

  router.post(PAGES.paperCase, registrar, async (req, res) => {
    const formId = formIdOf(req);
    await postForm(res, {
      form: WebForm.from(PAPER_FIELDS, req.body, OPEN_ALIASES),
      parse: (form) =>
        form.parse(openCaseBody, {
          ...openCaseInput(form),
          applicant: { firstName: form.values.firstName ?? '', lastName: form.values.lastName ?? '' },
          issueAccessKey: form.checked('issueAccessKey'),
        }),
      act: async (input) => {
        // A reload of the page below sends this form again: it must not open a second case.
        const outcome = await oneShot.run(formId, async () => opening.open(await actorOfPage(actors, req, res), input), (opened) => opened.number);
        if (!outcome.done) {
          alreadySent(
            res,
            outcome.result,
            outcome.result
              ? 'Ten formularz został już wysłany i sprawa jest założona. Klucza dostępu nie pokazujemy ponownie: jeśli go nie zapisano, wydaj nowy na stronie sprawy.'
              : 'Ten formularz jest właśnie wysyłany. Za chwilę sprawdź listę spraw, zanim wyślesz go ponownie.',
          );
          return ANSWERED;
        }
        const opened = outcome.value;
        // The key is shown here once: it is not stored, so this page is its only copy.
        sendPage(res, 'urzad/sprawa-zalozona', { title: `Założono sprawę ${opened.number}`, opened, accessKey: opened.accessKey ?? null }, 201);
        return ANSWERED;
      },
      show: async (form, status) => sendOpeningPage(res, 'urzad/sprawa-nowa', form, await openingChoices(units), { formId: formId ?? newFormId() }, status),
    });
  });

  return router;
}
