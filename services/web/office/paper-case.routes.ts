import express from 'express';
import { openCaseBody } from '../../office/office.schemas';
import { PAGES } from '../../shared/page-paths';
import { ANSWERED, postForm } from '../form-page';
import { newFormId } from '../one-shot-forms';
import { alreadySent, formIdOf, keptFormId, stillSending } from '../one-shot-answer';
import { WebForm } from '../web-forms';
import { sendPage } from '../web-render';
import { actorOfPage, caseLink, registrar, type OfficeDeps } from './office-pages';
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
          if (outcome.result === null) {
            stillSending(res, { detail: 'Ten formularz jest właśnie wysyłany. Za chwilę sprawdź listę spraw, zanim wyślesz go ponownie.', link: { href: PAGES.officeCases, label: 'Przejdź do listy spraw' } });
          } else {
            alreadySent(
              res,
              'Ten formularz został już wysłany i sprawa jest założona. Klucza dostępu nie pokazujemy ponownie: jeśli go nie zapisano, wydaj nowy na stronie sprawy.',
              caseLink(outcome.result),
            );
          }
          return ANSWERED;
        }
        const opened = outcome.value;
        // The key is shown here once: it is not stored, so this page is its only copy.
        sendPage(res, 'urzad/sprawa-zalozona', { title: `Założono sprawę ${opened.number}`, opened, accessKey: opened.accessKey ?? null }, 201);
        return ANSWERED;
      },
      show: async (form, status) => sendOpeningPage(res, 'urzad/sprawa-nowa', form, await openingChoices(units), { formId: keptFormId(req) }, status),
    });
  });

  return router;
}
