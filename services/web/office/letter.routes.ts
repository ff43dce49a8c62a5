import express from 'express';
import { sendStoredFile } from '../../http/stored-file';
import { officeCasePath, PAGES } from '../../shared/page-paths';
import { letterFiles, letterIdOf } from '../letter-view';
import { sendPage } from '../web-render';
import { actorOfPage, staff, type OfficeDeps } from './office-pages';

/**
 * One incoming letter (a submission or a reply) as the office reads it, with its files: for
 * registrars and admins, and the officials of the unit whose case it belongs to; every read and
 * download is in the audit log (the domain writes it). Anyone else gets the 404 page.
 */
export function officeLetterRoutes({ actors, submissionReading }: OfficeDeps): express.Router {
  const router = express.Router();

  router.get(`${PAGES.officeLetters}/:id/tresc`, staff, async (req, res) => {
    const letter = await submissionReading.atOffice(await actorOfPage(actors, req, res), letterIdOf(req));
    const page = `${PAGES.officeLetters}/${letter.id}`;
    sendPage(res, 'urzad/pismo', {
      title: `Pismo ${letter.receiptNumber}`,
      letter: { ...letter, attachments: letterFiles(letter.attachments, (id) => `${page}/zalaczniki/${id}`) },
      caseHref: letter.caseNumber ? officeCasePath(letter.caseNumber) : null,
      // A letter waiting for registration is opened as a case from its own page.
      openCaseHref: letter.status === 'received' && letter.caseNumber === null && res.locals.user?.role === 'registrar' ? page : null,
    });
  });

  router.get(`${PAGES.officeLetters}/:id/zalaczniki/:attachmentId`, staff, async (req, res) => {
    const actor = await actorOfPage(actors, req, res);
    sendStoredFile(res, await submissionReading.file({ kind: 'staff', actor }, letterIdOf(req), letterIdOf(req, 'attachmentId')));
  });

  return router;
}
