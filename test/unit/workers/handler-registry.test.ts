import { JOB_NAMES } from '../../../services/queue/jobs';
import { assertHandlersComplete, JOB_HANDLERS } from '../../../workers/job-handler.registry';

describe('the job handler registry, checked at start', () => {
  test('when every job name has its handler, then the check passes', () => {
    expect(() => assertHandlersComplete(JOB_HANDLERS)).not.toThrow();
    expect(Object.keys(JOB_HANDLERS).sort()).toEqual([...JOB_NAMES].sort());
  });

  test('when a job name has no handler, then the check names it', () => {
    const { 'mail.new-message': _missing, ...rest } = JOB_HANDLERS;
    expect(() => assertHandlersComplete(rest)).toThrow(/missing mail\.new-message; unknown none/);
  });

  test('when a handler has no job name, then the check names it', () => {
    expect(() => assertHandlersComplete({ ...JOB_HANDLERS, 'mail.unknown': async () => 'done' })).toThrow(/missing none; unknown mail\.unknown/);
  });
});
