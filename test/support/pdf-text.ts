import { execFile } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

// pdf.js (inside pdf-parse) loads its worker with a dynamic import, which Jest's module sandbox
// refuses; a plain node process of its own parses the PDF instead.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const result = await parser.getText();
  const info = await parser.getInfo();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text: result.text, pages: result.total, title: info.info && info.info.Title }));
});`;

/** The text of a PDF as a PDF reader extracts it (pdf-parse, i.e. Mozilla's pdf.js), with its page count and title. */
export function pdfText(bytes: Buffer): Promise<{ text: string; pages: number; title: string | undefined }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', SCRIPT], { cwd: root, timeout: 20_000, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf-parse failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout));
    });
    child.stdin?.end(bytes);
  });
}
