import { fileSize, letterFiles } from '../../../services/web/letter-view';

describe('file sizes and links on letter pages', () => {
  test.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 kB'],
    [3000, '2,9 kB'],
    [5 * 1024 * 1024, '5 MB'],
  ])('when a file has %p bytes, then it reads %p', (bytes, words) => {
    expect(fileSize(bytes)).toBe(words);
  });

  test('when files are listed, then each gets its link and size', () => {
    expect(letterFiles([{ id: 'a1', sizeBytes: 10 }], (id) => `/x/${id}`)).toEqual([{ id: 'a1', sizeBytes: 10, href: '/x/a1', size: '10 B' }]);
  });
});
