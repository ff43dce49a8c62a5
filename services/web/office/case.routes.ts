import express from 'express';
import { PAGES, officeCasePath } from '../../shared/page-paths';
import { postForm } from '../form-page';
import { WebForm } from '../web-forms';
import { actorOfPage, caseNumberOf, deciders, staff, type OfficeDeps } from './office-pages';
import { CHANGE_FIELDS, parseChange, sendCasePage } from './case-page';

const CASE_NOTICES: Record<string, (number: string) => string> = {
  zalozono: (number) => `Założono sprawę ${number}.`,
  zapisano: () => 'Zapisano zmiany w sprawie.',
  'bez-zmian': () => 'Nie zapisano niczego: formularz nie zawierał żadnej zmiany.',
};

/** One case's page, and its change form (status, responsible official, note, new deadline). */
export function caseRoutes(deps: OfficeDeps): express.Router {
  const { actors, management } = deps;
  const router = express.Router();
  const path = `${PAGES.officeCases}/:number`;

  router.get(path, staff, async (req, res) => {
    const detail = await management.get(caseNumberOf(req));
    const notice = Object.entries(CASE_NOTICES).find(([key]) => req.query[key] !== undefined)?.[1](detail.number) ?? null;
    await sendCasePage(res, deps, await actorOfPage(actors, req, res), detail, new WebForm(CHANGE_FIELDS, { status: detail.status }), notice);
  });

  router.post(path, deciders, async (req, res) => {
    const number = caseNumberOf(req);
    await postForm(res, {
      form: WebForm.from(CHANGE_FIELDS, req.body),
      parse: parseChange,
      act: async (input) => {
        const { changed } = await management.applyChange(await actorOfPage(actors, req, res), number, input);
        // A form sent as it was shown changes nothing; saying "saved" then would mislead.
        return `${officeCasePath(number)}?${changed.length > 0 ? 'zapisano' : 'bez-zmian'}=1`;
      },
      show: async (form, status) => sendCasePage(res, deps, await actorOfPage(actors, req, res), await management.get(number), form, null, status),
    });
  });

  return router;
}
