import { safeNext } from '../../../services/http/session';

describe('safeNext (where to go after login)', () => {
  test('when next is a path on this site, then it is kept, with its query', () => {
    expect(safeNext('/moje-sprawy')).toBe('/moje-sprawy');
    expect(safeNext('/urzad/sprawy?stan=registered&strona=2')).toBe('/urzad/sprawy?stan=registered&strona=2');
  });

  test('when next starts with two slashes (another host), then it is refused', () => {
    expect(safeNext('//evil.example/skrzynka')).toBeNull();
  });

  test('when next starts with a slash and a backslash (browsers read it as another host), then it is refused', () => {
    expect(safeNext('/\\evil.example')).toBeNull();
  });

  test('when next is an absolute address or has no leading slash, then it is refused', () => {
    expect(safeNext('https://x.example/')).toBeNull();
    expect(safeNext('javascript:alert(1)')).toBeNull();
    expect(safeNext('skrzynka')).toBeNull();
  });

  test('when next holds a control character or a backslash anywhere, then it is refused', () => {
    expect(safeNext('/skrzynka\n//evil')).toBeNull();
    expect(safeNext('/skrzynka\u0000')).toBeNull();
    expect(safeNext('/skrzynka\u007f')).toBeNull();
    expect(safeNext('/a\\b')).toBeNull();
  });

  test('when next is longer than 2000 characters, then it is refused', () => {
    expect(safeNext(`/${'a'.repeat(1999)}`)).toHaveLength(2000);
    expect(safeNext(`/${'a'.repeat(2000)}`)).toBeNull();
  });

  test('when next is not a string (missing, repeated in the query), then it is refused', () => {
    expect(safeNext(undefined)).toBeNull();
    expect(safeNext(['/a', '/b'])).toBeNull();
  });
});
