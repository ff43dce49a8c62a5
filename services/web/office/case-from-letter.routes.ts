import express from 'express';
import { openCaseBody } from '../../office/office.schemas';
import { AppError } from '../../shared/app-error';
import { officeCasePath, PAGES } from '../../shared/page-paths';
import { postForm } from '../form-page';
import { WebForm } from '../web-forms';
import { actorOfPage, registrar, type OfficeDeps } from './office-pages';
import { DEFAULT_DEADLINE_CHOICE, FROM_LETTER_FIELDS, OPEN_ALIASES, openCaseInput, openingChoices, sendOpeningPage } from './opening-form';

/** Opening a case from a letter of the ESP that waits for registration. */
export function caseFromLetterRoutes({ actors, officeSubmissions, opening, units }: OfficeDeps): express.Router {
  const router = express.Router();
  const path = `${PAGES.officeLetters}/:id`;

  const waitingLetter = async (id: string) => {
    const found = (await officeSubmissions.list('received')).items.find((s) => s.id === id);
    if (!found) throw AppError.notFound('Nie ma takiego pisma albo założono już na jego podstawie sprawę.');
    return found;
  };

  router.get(path, registrar, async (req, res) => {
    const submission = await waitingLetter(String(req.params.id));
    sendOpeningPage(res, 'urzad/sprawa-z-pisma', new WebForm(FROM_LETTER_FIELDS, { title: submission.title, deadline: DEFAULT_DEADLINE_CHOICE }), await openingChoices(units), { submission });
  });

  router.post(path, registrar, async (req, res) => {
    const submission = await waitingLetter(String(req.params.id));
    await postForm(res, {
      form: WebForm.from(FROM_LETTER_FIELDS, req.body, OPEN_ALIASES),
      parse: (form) => form.parse(openCaseBody, { ...openCaseInput(form), submissionId: submission.id }),
      act: async (input) => {
        const opened = await opening.open(await actorOfPage(actors, req, res), input);
        return `${officeCasePath(opened.number)}?zalozono=1`;
      },
      show: async (form, status) => sendOpeningPage(res, 'urzad/sprawa-z-pisma', form, await openingChoices(units), { submission }, status),
    });
  });

  return router;
}
