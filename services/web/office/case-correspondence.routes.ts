import express from 'express';
import { createCallBody, documentFileParams, sendLetterBody } from '../../correspondence/correspondence.schemas';
import { sendStoredFile } from '../../http/stored-file';
import { AppError } from '../../shared/app-error';
import { officeCasePath, PAGES } from '../../shared/page-paths';
import { postForm } from '../form-page';
import { keptFormId, redirectOnce } from '../one-shot-answer';
import { WebForm } from '../web-forms';
import { ATTACHMENTS_FIELD, letterUpload, uploadedAttachments } from '../web-uploads';
import { CALL_FIELDS, freshCaseForms, LETTER_FIELDS, sendCasePage, type CaseForms } from './case-page';
import { actorOfPage, caseLink, caseNumberOf, deciders, staff, type OfficeDeps } from './office-pages';

/**
 * A case's correspondence at the office: the call for completion and letter forms (each sent once,
 * however often the browser sends it), and downloads of its documents' files.
 */
export function caseCorrespondenceRoutes(deps: OfficeDeps): express.Router {
  const { actors, management, calls, letters, documents, oneShot } = deps;
  const router = express.Router();
  const path = `${PAGES.officeCases}/:number`;

  /** The case page again with one form's problems. */
  async function showWith(req: express.Request, res: express.Response, number: string, forms: Partial<CaseForms>, status: number): Promise<void> {
    const detail = await management.get(number);
    await sendCasePage(res, deps, await actorOfPage(actors, req, res), detail, { ...freshCaseForms(detail), ...forms }, null, status);
  }

  router.post(`${path}/wezwanie`, deciders, async (req, res) => {
    const number = caseNumberOf(req);
    const form = WebForm.from(CALL_FIELDS, req.body);
    await postForm(res, {
      form,
      parse: () => form.parse(createCallBody, form.texts('what', 'dueDate')),
      act: (input) =>
        redirectOnce(
          oneShot,
          req,
          res,
          async () => {
            await calls.create(await actorOfPage(actors, req, res), number, input);
            return `${officeCasePath(number)}?wezwano=1#wezwania`;
          },
          { detail: 'To wezwanie jest właśnie wysyłane. Za chwilę sprawdź wezwania na stronie sprawy, zanim wyślesz je ponownie.', link: caseLink(number, '#wezwania') },
        ),
      show: (shown, status) => showWith(req, res, number, { call: shown, callFormId: keptFormId(req), sent: shown }, status),
      errorField: 'what',
    });
  });

  router.post(`${path}/pismo`, letterUpload(['official', 'admin']), deciders, async (req, res) => {
    const number = caseNumberOf(req);
    const form = WebForm.from(LETTER_FIELDS, req.body);
    if (res.locals.uploadError) form.addFieldError(ATTACHMENTS_FIELD, res.locals.uploadError);
    await postForm(res, {
      form,
      parse: () => form.parse(sendLetterBody, { ...form.texts('title', 'content'), attachments: uploadedAttachments(req) }),
      act: (input) =>
        redirectOnce(
          oneShot,
          req,
          res,
          async () => {
            await letters.send(await actorOfPage(actors, req, res), number, input);
            return `${officeCasePath(number)}?wyslano-pismo=1#dokumenty`;
          },
          { detail: 'To pismo jest właśnie wysyłane. Za chwilę sprawdź dokumenty na stronie sprawy, zanim wyślesz je ponownie.', link: caseLink(number, '#dokumenty') },
        ),
      show: (shown, status) => showWith(req, res, number, { letter: shown, letterFormId: keptFormId(req), sent: shown }, status),
      errorField: { payload_too_large: ATTACHMENTS_FIELD },
    });
  });

  router.get(`${path}/dokumenty/:documentId/zalaczniki/:attachmentId`, staff, async (req, res) => {
    const params = documentFileParams.safeParse(req.params);
    if (!params.success) throw AppError.notFound('Nie ma takiego załącznika w dokumentach tej sprawy.');
    const { number, documentId, attachmentId } = params.data;
    sendStoredFile(res, await documents.officeFile(await actorOfPage(actors, req, res), number, documentId, attachmentId));
  });

  return router;
}
