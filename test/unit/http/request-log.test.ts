import { loggedUrl, requestSerializer } from '../../../services/http/request-log';

describe('the access log keeps no query values', () => {
  test.each([
    ['/aktywacja?login=jan.kowalski&nieaktywne=1', '/aktywacja?login=…&nieaktywne=…'],
    ['/urzad/sprawy?szukaj=Nowak%20Jan', '/urzad/sprawy?szukaj=…'],
    ['/logowanie?next=%2Fskrzynka', '/logowanie?next=…'],
    ['/api/v1/inbox', '/api/v1/inbox'],
    ['/x?', '/x?'],
    [undefined, ''],
  ])('when the address is %p, then the log reads %p', (url, logged) => {
    expect(loggedUrl(url)).toBe(logged);
  });

  test('when a request is serialised, then only its id, method and address without values appear', () => {
    const req = { id: 7, method: 'GET', url: '/aktywacja?login=jan', headers: { cookie: 'sesja=secret' } } as never;
    expect(requestSerializer(req)).toEqual({ id: 7, method: 'GET', url: '/aktywacja?login=…' });
  });
});
