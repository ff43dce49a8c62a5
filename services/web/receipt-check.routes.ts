import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { receiptSchema, verifyBody, type VerifyInput } from '../receipts/receipt.schemas';
import type { ReceiptService } from '../receipts/receipt.service';
import { PAGES } from '../shared/page-paths';
import { clientIp } from './auth/client-ip';
import { ANSWERED, postForm, sendFormPage } from './form-page';
import { WebForm, type FieldSpec } from './web-forms';

const FIELDS: FieldSpec[] = [
  { name: 'potwierdzenie', label: 'Potwierdzenie odbioru w formacie JSON' },
  { name: 'plik', label: 'Albo wybierz plik z potwierdzeniem (.json)' },
];

/** A receipt file is a few kilobytes; anything much larger is not one. */
const MAX_RECEIPT_BYTES = 64 * 1024;
const NOT_A_RECEIPT =
  'To nie jest potwierdzenie odbioru w formacie JSON. Wklej całą zawartość pliku pobranego ze strony pisma w „Moich pismach” (zaczyna się od {"receipt") albo wybierz ten plik.';

/** The verdict shown after a check, in plain words. */
interface Verdict {
  valid: boolean;
  receipt: ReturnType<typeof receiptSchema.parse> | null;
}

/**
 * /sprawdz-potwierdzenie: anyone, without logging in, pastes or uploads a receipt with its
 * signature and reads whether the office really issued it unchanged. Counted against the same
 * per-address limit as POST /api/v1/receipts/verify (the domain's check).
 */
export function receiptCheckRoutes(receipts: ReceiptService): express.Router {
  const router = express.Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { files: 1, fileSize: MAX_RECEIPT_BYTES, fields: 5, fieldSize: MAX_RECEIPT_BYTES, parts: 8 } }).single('plik');

  router.get(PAGES.receiptCheck, (_req, res) => checkPage(res, new WebForm(FIELDS), null));

  router.post(
    PAGES.receiptCheck,
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('multipart/form-data')) return next();
      upload(req, res, (error: unknown) => {
        if (error instanceof multer.MulterError) {
          res.locals.uploadError =
            error.code === 'LIMIT_FILE_SIZE'
              ? 'Ten plik jest za duży na potwierdzenie odbioru (najwyżej 64 kB). Wybierz plik pobrany ze strony pisma.'
              : 'Wybierz jeden plik z potwierdzeniem odbioru.';
          req.body ??= {};
          return next();
        }
        next(error);
      });
    },
    async (req, res) => {
      const form = WebForm.from(FIELDS, req.body);
      if (res.locals.uploadError) form.addFieldError('plik', res.locals.uploadError);
      const file = (req as Request & { file?: Express.Multer.File }).file;
      await postForm<VerifyInput>(res, {
        form,
        parse: () => {
          if (!form.ok) return null;
          const text = file && file.size > 0 ? file.buffer.toString('utf8') : (form.values.potwierdzenie ?? '');
          if (text.trim() === '') {
            form.addFieldError('potwierdzenie', 'Wklej potwierdzenie odbioru albo wybierz plik z potwierdzeniem.');
            return null;
          }
          const parsed = verifyBody.safeParse(parseJson(text));
          if (!parsed.success) form.addFieldError(file && file.size > 0 ? 'plik' : 'potwierdzenie', NOT_A_RECEIPT);
          return parsed.success ? parsed.data : null;
        },
        act: async (input) => {
          const { valid } = await receipts.verify(clientIp(req), input);
          const shown = valid ? receiptSchema.safeParse(input.receipt) : null;
          checkPage(res, form, { valid, receipt: shown?.success ? shown.data : null });
          return ANSWERED;
        },
        show: (shownForm, status) => checkPage(res, shownForm, null, status),
      });
    },
  );

  return router;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')); // a byte-order mark some editors write first
  } catch {
    return undefined;
  }
}

function checkPage(res: Response, form: WebForm, verdict: Verdict | null, status = 200): void {
  sendFormPage(
    res,
    'sprawdz-potwierdzenie',
    form,
    {
      title: verdict ? (verdict.valid ? 'Potwierdzenie jest prawdziwe' : 'Potwierdzenie nie jest prawdziwe') : 'Sprawdź potwierdzenie odbioru',
      verdict,
      fields: {
        potwierdzenie: form.field('potwierdzenie', { textarea: true, hint: 'Wklej całą zawartość pliku z potwierdzeniem, razem z podpisem, albo tekst z dołu wydrukowanego potwierdzenia (PDF).' }),
        plik: form.field('plik', { type: 'file', hint: 'Plik potwierdzenia pobrany ze strony pisma (JSON, do 64 kB).' }),
      },
    },
    status,
  );
}
