import express from 'express';
import { PAGES, officeCasePath } from '../../shared/page-paths';
import { postForm } from '../form-page';
import { WebForm } from '../web-forms';
import { actorOfPage, caseNumberOf, deciders, staff, type OfficeDeps } from './office-pages';
import { CHANGE_FIELDS, freshCaseForms, parseChange, sendCasePage } from './case-page';

const CASE_NOTICES: Record<string, (number: string) => string> = {
  zalozono: (number) => `Założono sprawę ${number}.`,
  zapisano: () => 'Zapisano zmiany w sprawie.',
  'bez-zmian': () => 'Nie zapisano niczego: formularz nie zawierał żadnej zmiany.',
  wezwano: () => 'Wysłano wezwanie do uzupełnienia. Sprawa czeka na uzupełnienie, a termin jej załatwienia nie biegnie.',
  'wyslano-pismo': () => 'Wysłano pismo do skrzynek kontaktowych stron.',
};

/** One case's page, and its change form (status, responsible official, note, new deadline). */
export function caseRoutes(deps: OfficeDeps): express.Router {
  const { actors, management } = deps;
  const router = express.Router();
  const path = `${PAGES.officeCases}/:number`;

  router.get(path, staff, async (req, res) => {
    const detail = await management.get(caseNumberOf(req));
    const notice = Object.entries(CASE_NOTICES).find(([key]) => req.query[key] !== undefined)?.[1](detail.number) ?? null;
    await sendCasePage(res, deps, await actorOfPage(actors, req, res), detail, freshCaseForms(detail), notice);
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
      show: async (form, status) => {
        const detail = await management.get(number);
        await sendCasePage(res, deps, await actorOfPage(actors, req, res), detail, { ...freshCaseForms(detail), change: form, sent: form }, null, status);
      },
    });
  });

  return router;
}
