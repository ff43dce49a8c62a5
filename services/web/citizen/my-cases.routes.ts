import express from 'express';
import { responsibleName } from '../../cases/case-summary';
import type { CitizenCasesService } from '../../citizen-cases/citizen-cases.service';
import { citizenCasePath, PAGES } from '../../shared/page-paths';
import { sessionOf } from '../../http/session';
import { sendPage } from '../web-render';
import { citizen } from './citizen-pages';

/** The cases linked to one's account, each with a way to ask for its status. */
export function myCasesRoutes(cases: CitizenCasesService): express.Router {
  return express.Router().get(PAGES.myCases, citizen, async (req, res) => {
    const { items } = await cases.list(sessionOf(res).principal.userId);
    const added = items.find((c) => c.number === req.query.dodano);
    sendPage(res, 'moje-sprawy', {
      title: 'Moje sprawy',
      notice: added ? `Sprawa ${added.number} została dodana do Twojego konta.` : null,
      cases: items.map((c) => ({
        ...c,
        responsible: responsibleName(c),
        checkHref: `${PAGES.statusCheck}?znak=${encodeURIComponent(c.number)}`,
        href: citizenCasePath(c.number),
      })),
    });
  });
}
