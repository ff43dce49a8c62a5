import express from 'express';
import type { ReceiptService } from '../../receipts/receipt.service';
import { canonicalJson } from '../../receipts/canonical-json';
import { sendStoredFile } from '../../http/stored-file';
import { sessionOf } from '../../http/session';
import type { SubmissionReadingService } from '../../submissions/submission-reading.service';
import { citizenCasePath, myLetterPath, PAGES } from '../../shared/page-paths';
import { sendPage } from '../web-render';
import { letterFiles, letterIdOf } from '../letter-view';
import { citizen } from './citizen-pages';

/** One of the citizen's letters (a submission or reply) read again: its text, files and signed receipt. */
export function letterRoutes(reading: SubmissionReadingService, receipts: ReceiptService): express.Router {
  const router = express.Router();
  const path = `${PAGES.myLetters}/:id`;

  router.get(path, citizen, async (req, res) => {
    const letter = await reading.own(sessionOf(res).principal.userId, letterIdOf(req));
    const base = myLetterPath(letter.id);
    sendPage(res, 'moje-pismo', {
      title: letter.title,
      letter: { ...letter, attachments: letterFiles(letter.attachments, (id) => `${base}/zalaczniki/${id}`) },
      caseHref: letter.caseNumber ? citizenCasePath(letter.caseNumber) : null,
      receiptPdfHref: `${base}/potwierdzenie.pdf`,
      receiptJsonHref: `${base}/potwierdzenie.json`,
    });
  });

  router.get(`${path}/zalaczniki/:attachmentId`, citizen, async (req, res) => {
    const file = await reading.file({ kind: 'sender', userId: sessionOf(res).principal.userId }, letterIdOf(req), letterIdOf(req, 'attachmentId'));
    sendStoredFile(res, file);
  });

  router.get(`${path}/potwierdzenie.pdf`, citizen, async (req, res) => {
    const { filename, data } = await receipts.ownReceiptPdf(sessionOf(res).principal.userId, letterIdOf(req));
    sendStoredFile(res, { filename, contentType: 'application/pdf', data });
  });

  // The receipt as a file to keep, and to upload on /sprawdz-potwierdzenie later.
  router.get(`${path}/potwierdzenie.json`, citizen, async (req, res) => {
    const signed = await receipts.ownReceipt(sessionOf(res).principal.userId, letterIdOf(req));
    const filename = `potwierdzenie-${signed.receipt.receiptNumber.replace(/\//g, '-')}.json`;
    sendStoredFile(res, { filename, contentType: 'application/json', data: Buffer.from(`${canonicalJson(signed)}\n`, 'utf8') });
  });

  return router;
}
