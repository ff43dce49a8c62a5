import { attachmentDisposition, safeFilename, servedContentType } from '../../../services/http/stored-file';

describe('stored files served for download', () => {
  it('keeps allow-listed types and turns every other into octet-stream', () => {
    expect(servedContentType('application/pdf')).toBe('application/pdf');
    expect(servedContentType('IMAGE/PNG; charset=binary')).toBe('image/png');
    expect(servedContentType('text/html')).toBe('application/octet-stream');
    expect(servedContentType('image/svg+xml')).toBe('application/octet-stream');
  });

  it('strips path parts, control and bidirectional characters from file names', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\x\\skan.pdf')).toBe('skan.pdf');
    expect(safeFilename('report.pdf\u202Egpj.exe')).toBe('report.pdfgpj.exe');
    expect(safeFilename('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(safeFilename('...')).toBe('plik');
  });

  it('shortens a 300-character name and keeps its extension', () => {
    const name = safeFilename(`${'x'.repeat(300)}.pdf`);
    expect(name).toHaveLength(150);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('gives the UTF-8 name and an ASCII fallback in the disposition', () => {
    expect(attachmentDisposition('wniosek żółć.pdf')).toBe(
      `attachment; filename="wniosek zolc.pdf"; filename*=UTF-8''wniosek%20%C5%BC%C3%B3%C5%82%C4%87.pdf`,
    );
  });
});
