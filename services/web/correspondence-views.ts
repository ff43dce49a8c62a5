import type { CallStatus } from '../../entities/case-call.entity';
import type { CallView, DocumentAttachmentView, DocumentView } from '../correspondence/correspondence.schemas';
import { MAX_ATTACHMENTS, MAX_ATTACHMENTS_BYTES } from '../submissions/submission.schemas';

/** How the pages name a call's status. */
const CALL_STATUS_LABELS: { readonly [S in CallStatus]: string } = {
  open: 'Czeka na odpowiedź',
  answered: 'Odpowiedziano',
  expired: 'Termin minął bez odpowiedzi',
};

/** How the pages name each kind of document. */
const DOCUMENT_KIND_LABELS: { readonly [K in DocumentView['kind']]: string } = {
  submission: 'Pismo, od którego zaczęła się sprawa',
  reply: 'Pismo strony',
  letter: 'Pismo urzędu',
};

/** The hint under every file field of a case's forms: the same limits as a submission. */
export const ATTACHMENTS_HINT = `Nieobowiązkowe: najwyżej ${MAX_ATTACHMENTS} plików, razem do ${MAX_ATTACHMENTS_BYTES / 1024 / 1024} MB. Jeśli formularz trzeba poprawić, pliki trzeba wybrać ponownie.`;

/** A file size people read ("12 kB", "1,5 MB"). */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** A call as the case pages list it. */
export function callForPage(c: CallView) {
  return { ...c, statusLabel: CALL_STATUS_LABELS[c.status], open: c.status === 'open', answered: c.status === 'answered' };
}

/** A document as the case pages list it, its files linked under `base` (the case page's address). */
export function documentForPage(d: DocumentView, base: string) {
  const fileHref = (a: DocumentAttachmentView) => `${base}/dokumenty/${d.id}/zalaczniki/${a.id}`;
  return {
    ...d,
    kindLabel: DOCUMENT_KIND_LABELS[d.kind],
    isLetter: d.kind === 'letter',
    attachments: d.attachments.map((a) => ({ ...a, href: fileHref(a), size: sizeLabel(a.sizeBytes) })),
  };
}
