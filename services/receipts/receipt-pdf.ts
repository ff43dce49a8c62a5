import path from 'node:path';
import PDFDocument from 'pdfkit';
import { OFFICE_TIME_ZONE } from '../shared/office-time';
import { canonicalJson } from './canonical-json';
import type { SignedReceipt } from './receipt.schemas';

/**
 * DejaVu (a free licence) from the `dejavu-fonts-ttf` package: a production dependency, so it is in
 * a fresh clone after `npm ci` and in the Docker image alike. PDF's built-in fonts have no Polish
 * letters (ą, ę, ł, ż would come out wrong); an embedded TrueType font has them all.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  mono: path.join(FONT_DIR, 'DejaVuSansMono.ttf'),
};

const when = new Intl.DateTimeFormat('pl-PL', { timeZone: OFFICE_TIME_ZONE, dateStyle: 'long', timeStyle: 'medium' });

/** Where the printout tells its reader to check it. */
export interface ReceiptPdfLinks {
  checkPage: string;
  publicKey: string;
  keyId: string;
}

/**
 * The printable receipt: the same facts as the JSON, the signature, and the signed JSON itself
 * (so that the printout alone can be checked again), in A4 with an embedded Polish-capable font.
 */
export function renderReceiptPdf(signed: SignedReceipt, links: ReceiptPdfLinks): Promise<Buffer> {
  const { receipt, signature } = signed;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'pl-PL',
    displayTitle: true,
    info: { Title: `Urzędowe potwierdzenie odbioru ${receipt.receiptNumber}`, Subject: receipt.title, Author: 'Elektroniczna Skrzynka Podawcza' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('mono', FONTS.mono);

  doc.font('bold').fontSize(18).text('Urzędowe potwierdzenie odbioru');
  doc.font('regular').fontSize(11).text('Elektroniczna Skrzynka Podawcza (ESP) urzędu').moveDown(1);

  const fact = (label: string, value: string, font: 'regular' | 'mono' = 'regular') => {
    doc.font('bold').fontSize(10).text(label);
    doc.font(font).fontSize(font === 'mono' ? 9 : 11).text(value).moveDown(0.5);
  };
  fact('Numer potwierdzenia', receipt.receiptNumber);
  fact('Data i godzina wpływu', `${when.format(new Date(receipt.submittedAt))} (czas polski; UTC: ${receipt.submittedAt})`);
  fact('Nadawca', `${receipt.sender.firstName} ${receipt.sender.lastName}`);
  fact('Tytuł pisma', receipt.title);
  fact('Skrót SHA-256 treści pisma', receipt.sha256, 'mono');
  doc.font('bold').fontSize(10).text('Załączniki');
  if (receipt.attachments.length === 0) doc.font('regular').fontSize(11).text('brak');
  for (const a of receipt.attachments) {
    doc.font('regular').fontSize(11).text(a.filename);
    doc.font('mono').fontSize(9).text(`SHA-256: ${a.sha256}`);
  }
  doc.moveDown(0.5);
  fact('Podpis urzędu (Ed25519, base64url)', signature, 'mono');

  doc.moveDown(0.5).font('bold').fontSize(12).text('Jak sprawdzić to potwierdzenie');
  doc
    .font('regular')
    .fontSize(10)
    .text(
      `Wklej poniższe potwierdzenie w formacie JSON na stronie ${links.checkPage} albo sprawdź podpis samodzielnie kluczem publicznym urzędu: ${links.publicKey} (identyfikator klucza: ${links.keyId}). Podpis obejmuje wszystkie dane powyżej; zmiana choćby jednego znaku sprawia, że potwierdzenie przestaje być ważne.`,
    )
    .moveDown(0.5);
  doc.font('mono').fontSize(7).text(canonicalJson(signed));
  doc.end();
  return done;
}
