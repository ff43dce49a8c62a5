import express from 'express';
import { officeCasePath, PAGES } from '../../shared/page-paths';
import { sendPage } from '../web-render';
import { actorOfPage, caseLink, caseNumberOf, registrar, type OfficeDeps } from './office-pages';
import { alreadySent, formIdOf, stillSending } from '../one-shot-answer';

/** A new access key for a case (the earlier one stops working), shown once. */
export function accessKeyRoutes({ actors, opening, oneShot }: OfficeDeps): express.Router {
  const router = express.Router();
  const path = `${PAGES.officeCases}/:number/klucz`;

  // After a login that a POST of "Wydaj nowy klucz dostępu" led to (the session had expired), the
  // browser comes back here with GET: the way on is the case page, where the button is.
  router.get(path, registrar, (req, res) => {
    res.redirect(303, officeCasePath(caseNumberOf(req)));
  });

  router.post(path, registrar, async (req, res) => {
    const number = caseNumberOf(req);
    // A reload of the key page must not issue yet another key (and kill the one just handed over).
    const outcome = await oneShot.run(formIdOf(req), async () => opening.reissueKey(await actorOfPage(actors, req, res), number), () => number);
    if (!outcome.done) {
      const toCase = caseLink(number);
      if (outcome.result === null) stillSending(res, { detail: 'Ten formularz jest właśnie wysyłany. Za chwilę sprawdź stronę sprawy, zanim wydasz kolejny klucz.', link: toCase });
      else alreadySent(res, 'Ten klucz został już wydany tym formularzem i nie pokazujemy go ponownie. Jeśli go nie zapisano, wydaj nowy klucz na stronie sprawy.', toCase);
      return;
    }
    sendPage(res, 'urzad/klucz-wydany', { title: `Nowy klucz dostępu do sprawy ${number}`, number, accessKey: outcome.value.accessKey }, 201);
  });

  return router;
}
