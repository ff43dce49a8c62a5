import http from 'node:http';
import { serviceWithCitizen, TestService } from '../../support/test-service';

// The /wyslij-pismo page sends a letter with files, as a browser does (multipart/form-data).
const service = new TestService();
const citizen = serviceWithCitizen(service);

function letter(title: string, files: Array<{ name: string; type: string; bytes: Buffer }>, emptyFileInput = false) {
  const form = new FormData();
  form.append('title', title);
  form.append('content', 'Proszę o rozpatrzenie wniosku w załączeniu.');
  for (const f of files) form.append('attachments', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  if (emptyFileInput) form.append('attachments', new Blob([], { type: 'application/octet-stream' }), '');
  return fetch(`${service.baseUrl}/wyslij-pismo`, {
    method: 'POST',
    headers: { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${citizen.token}` },
    body: form,
    redirect: 'manual',
  });
}

async function attachmentsOf(title: string): Promise<Array<{ filename: string; content_type: string; size_bytes: number }>> {
  return service.ctx.dataSource.query(
    `SELECT a.filename, a.content_type, a.size_bytes FROM submission_attachments a JOIN submissions s ON s.id = a.submission_id
      WHERE s.title = $1 ORDER BY a.filename`,
    [title],
  );
}

const submissionsTitled = async (title: string): Promise<number> =>
  (await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE title = $1`, [title]))[0].n;

describe('attachments sent from the letter page', () => {
  test('when a letter comes with a PDF and a photo (a Polish file name too), then both are stored with the submission', async () => {
    const res = await letter('Wniosek z załącznikami', [
      { name: 'wniosek-łódź.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4 skan wniosku') },
      { name: 'zdjęcie.jpg', type: 'image/jpeg', bytes: Buffer.alloc(2048, 7) },
    ]);
    expect(res.status).toBe(303);
    expect(await attachmentsOf('Wniosek z załącznikami')).toEqual([
      { filename: 'wniosek-łódź.pdf', content_type: 'application/pdf', size_bytes: 21 },
      { filename: 'zdjęcie.jpg', content_type: 'image/jpeg', size_bytes: 2048 },
    ]);
  });

  test('when the file input is left empty, then the letter goes without attachments', async () => {
    const res = await letter('Pismo bez załączników', [], true);
    expect(res.status).toBe(303);
    expect(await submissionsTitled('Pismo bez załączników')).toBe(1);
    expect(await attachmentsOf('Pismo bez załączników')).toEqual([]);
  });

  test('when 6 files are attached, then nothing is sent and the form says so at Załączniki, keeping the text', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ name: `skan-${i + 1}.pdf`, type: 'application/pdf', bytes: Buffer.from(`plik ${i}`) }));
    const res = await letter('Za dużo plików', files);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Można dołączyć najwyżej 5 plików.');
    expect(html).toContain('aria-describedby="attachments-hint attachments-error"');
    expect(html).toContain('Proszę o rozpatrzenie wniosku w załączeniu.');
    expect(await submissionsTitled('Za dużo plików')).toBe(0);
  });

  test('when the files are larger than 5 MB together, then nothing is sent and the form says so', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    const res = await letter('Za duże pliki', [
      { name: 'a.pdf', type: 'application/pdf', bytes: big },
      { name: 'b.pdf', type: 'application/pdf', bytes: big },
    ]);
    expect([400, 413]).toContain(res.status);
    expect(await res.text()).toMatch(/5 MB|5 MiB/);
    expect(await submissionsTitled('Za duże pliki')).toBe(0);
  });

  test('when the whole form is far over the limit, then it is refused before it is read, with a 413 page in Polish', async () => {
    const res = await letter('Ogromne pliki', [
      { name: 'a.pdf', type: 'application/pdf', bytes: Buffer.alloc(4 * 1024 * 1024, 1) },
      { name: 'b.pdf', type: 'application/pdf', bytes: Buffer.alloc(4 * 1024 * 1024, 2) },
    ]);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Załączniki mogą mieć razem najwyżej 5 MB.');
    expect(await submissionsTitled('Ogromne pliki')).toBe(0);
  });

  test('when a form comes without its size (chunked), then it is refused before it is read (411)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${service.baseUrl}/wyslij-pismo`);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${citizen.token}`, 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nBez rozmiaru\r\n');
      req.end('--x--\r\n');
    });
    expect(status).toBe(411);
    expect(await submissionsTitled('Bez rozmiaru')).toBe(0);
  });

  test('when the multipart body is cut off, then a 400 page asks to send it again (not a server error)', async () => {
    const body = '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nUcięte';
    const res = await fetch(`${service.baseUrl}/wyslij-pismo`, {
      method: 'POST',
      headers: { accept: 'text/html', origin: service.baseUrl, cookie: `sesja=${citizen.token}`, 'content-type': 'multipart/form-data; boundary=x' },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Formularz dotarł niepełny lub uszkodzony');
  });
});
