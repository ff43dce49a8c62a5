import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { errorSerializer, LOG_OPTIONS } from '../../../services/shared/logger';

// A failed INSERT of a case_opened message: its parameters hold the clear access key.
function failedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "messages_event_key_key"'), {
    detail: 'Key (event_key)=(case-opened:1) already exists; key ABCD-EFGH-JKMN-PQRS',
    code: '23505',
  });
  return new QueryFailedError('INSERT INTO messages (body_text) VALUES ($1)', ['Internetowy klucz dostępu: ABCD-EFGH-JKMN-PQRS'], driverError);
}

describe('errorSerializer', () => {
  test('when a SQL statement failed, then the logged error keeps its message, code and statement but none of its values', () => {
    const logged = errorSerializer(failedInsert());
    expect(logged).toMatchObject({ type: 'QueryFailedError', message: expect.stringContaining('duplicate key'), query: expect.stringContaining('INSERT INTO messages') });
    expect(JSON.stringify(logged)).not.toContain('ABCD-EFGH-JKMN-PQRS');
  });

  test('when a logger configured like the service\'s logs the error, then the line carries no value of the statement', () => {
    let line = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((line += chunk.toString()), done()) });
    pino({ serializers: { err: errorSerializer } }, sink).error({ err: failedInsert() }, 'job failed');
    expect(line).toContain('job failed');
    expect(line).not.toContain('ABCD-EFGH-JKMN-PQRS');
  });

  test('when a connection error is logged, then its code stays readable (ECONNREFUSED, SQLSTATE) while secrets are redacted', () => {
    let line = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((line += chunk.toString()), done()) });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    pino(LOG_OPTIONS, sink).error({ err: refused, user: { password: 'Zielona-Herbata-1', accessKey: 'ABCD-EFGH-JKMN-PQRS' } }, 'redis down');
    const logged = JSON.parse(line);
    expect(logged.err.code).toBe('ECONNREFUSED');
    expect(logged.user).toEqual({ password: '[redacted]', accessKey: '[redacted]' });
  });
});
