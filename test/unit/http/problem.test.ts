import { toAppError } from '../../../services/http/problem';
import { AppError } from '../../../services/shared/app-error';

/** An error as body-parser and the router raise them (http-errors style). */
const httpError = (props: { status?: number; type?: string; expose?: boolean }, base: Error = new Error('raised')) => Object.assign(base, props);

describe('toAppError (what a client is told of a framework error)', () => {
  test('when the JSON body does not parse, then it is 400 validation_failed about the body', () => {
    const error = toAppError(httpError({ status: 400, type: 'entity.parse.failed', expose: true }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'body', message: 'Treść żądania nie jest poprawnym dokumentem JSON.' }] });
  });

  test('when the body is too large, then it is 413 payload_too_large without an errors list', () => {
    const error = toAppError(httpError({ status: 413, type: 'entity.too.large', expose: true }));
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large', detail: 'Treść żądania przekracza dopuszczalny rozmiar.' });
    expect(error?.errors).toBeUndefined();
  });

  test('when a path holds a malformed %-escape (URIError), then it is 400 about the path', () => {
    const error = toAppError(httpError({ status: 400 }, new URIError('Failed to decode param')));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', title: 'Niepoprawny adres', errors: [{ field: 'path' }] });
  });

  test('when a 4xx the contract does not name arrives, then its HTTP reason becomes the code', () => {
    expect(toAppError(httpError({ status: 418, expose: true }))).toMatchObject({ status: 418, code: 'i_m_a_teapot' });
  });

  test('when the error is a server fault (5xx, no status, or not for the client), then there is no client problem', () => {
    expect(toAppError(httpError({ status: 500 }))).toBeNull();
    expect(toAppError(httpError({ status: 400, expose: false }))).toBeNull();
    expect(toAppError(new Error('bug'))).toBeNull();
    expect(toAppError(undefined)).toBeNull();
  });

  test('when the error is already an AppError, then it is passed through as it is', () => {
    const error = AppError.conflict('case_closed', 'Sprawa jest zakończona.');
    expect(toAppError(error)).toBe(error);
  });
});
