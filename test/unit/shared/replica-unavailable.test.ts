import { QueryFailedError } from 'typeorm';
import { isReplicaUnavailable } from '../../../services/shared/read-replicas';

/** An error as TypeORM throws it for a failed statement, with the driver's SQLSTATE and message. */
function queryFailed(code: string, message: string): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));
}

describe('isReplicaUnavailable: when the primary may answer a read a replica failed', () => {
  test.each([
    ['the replica refuses connections', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' })],
    ['the replica does not answer in time', new Error('timeout exceeded when trying to connect')],
    ['the replica is shutting down', queryFailed('57P01', 'terminating connection due to administrator command')],
    ['the replica is starting', queryFailed('57P03', 'the database system is starting up')],
    ['recovery cancelled the read', queryFailed('40001', 'canceling statement due to conflict with recovery')],
  ])('when %s, then yes', (_what, error) => {
    expect(isReplicaUnavailable(error)).toBe(true);
  });

  test.each([
    ['the read is wrong', queryFailed('42703', 'column "no_such_column" does not exist')],
    ['a write was sent to the read-only session', queryFailed('25006', 'cannot execute INSERT in a read-only transaction')],
    ['a serialization failure on its own', queryFailed('40001', 'could not serialize access due to concurrent update')],
    ['the code threw', new TypeError('x is undefined')],
    ['nothing was thrown', undefined],
  ])('when %s, then no: the error surfaces', (_what, error) => {
    expect(isReplicaUnavailable(error)).toBe(false);
  });
});
