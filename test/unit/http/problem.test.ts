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

describe('toAppError: a dependency away is 503, not 500', () => {
  test.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['PostgreSQL shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a standby refusing a write (25006)', Object.assign(new Error('x'), { driverError: { code: '25006', message: 'cannot execute INSERT in a read-only transaction' } })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
  ])('when the error is %s, then 503 service_unavailable with Retry-After', (_what, error) => {
    const mapped = toAppError(error);
    expect(mapped).toMatchObject({ status: 503, code: 'service_unavailable', headers: { 'Retry-After': '5' } });
  });

  test('when the error is a plain bug, then it is not mapped (500)', () => {
    expect(toAppError(new TypeError('x is undefined'))).toBeNull();
    expect(toAppError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
  });
});
