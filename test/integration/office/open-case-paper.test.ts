import { createOffice, serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service);

const CROCKFORD_KEY = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const applicant = { firstName: 'Zofia', lastName: 'Wiśniewska' };
const open = (body: Record<string, unknown>) =>
  service.api('POST', '/api/v1/office/cases', { token: office.registrar.token, body: { unitSymbol: office.unitSymbol, jrwaSymbol: '6840', title: 'Podział nieruchomości', ...body } });

describe('opening a case from a paper application', () => {
  test('when the registrar asks for an access key, then 201 carries a Crockford base32 key XXXX-XXXX-XXXX-XXXX', async () => {
    const res = await open({ applicant, issueAccessKey: true, responsibleLogin: office.official.login });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(new RegExp(`^${office.unitSymbol}\\.6840\\.\\d+\\.\\d{4}$`)),
      status: 'registered',
      startedAt: expect.any(String),
      dueAt: expect.any(String),
      accessKey: expect.stringMatching(CROCKFORD_KEY),
    });
    const [row] = await service.ctx.dataSource.query(
      `SELECT c.applicant_first_name, c.applicant_last_name, c.applicant_user_id, c.submission_id, count(k.id)::int AS keys
         FROM cases c LEFT JOIN access_keys k ON k.case_id = c.id AND k.revoked_at IS NULL WHERE c.id = $1 GROUP BY c.id`,
      [res.body.id],
    );
    expect(row).toEqual({ applicant_first_name: 'Zofia', applicant_last_name: 'Wiśniewska', applicant_user_id: null, submission_id: null, keys: 1 });
  });

  test('when no access key is asked for, then the 201 has no accessKey and no key exists', async () => {
    const res = await open({ applicant });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('accessKey');
    const keys = await service.ctx.dataSource.query(`SELECT 1 FROM access_keys WHERE case_id = $1`, [res.body.id]);
    expect(keys).toHaveLength(0);
  });

  test('when both submissionId and applicant are given, or neither, then 400 validation_failed', async () => {
    const both = await open({ applicant, submissionId: '00000000-0000-4000-8000-000000000000' });
    expect(both.status).toBe(400);
    expect(both.body.code).toBe('validation_failed');
    const neither = await open({});
    expect(neither.status).toBe(400);
    expect(neither.body.code).toBe('validation_failed');
  });

  test.each([
    ['an unknown field', { applicant, priority: 1 }],
    ['a JRWA symbol of five digits', { applicant, jrwaSymbol: '68401' }],
    ['an empty title', { applicant, title: '' }],
    ['an applicant without a last name', { applicant: { firstName: 'Zofia' } }],
    ['a submissionId that is not a UUID', { submissionId: '42' }],
  ])('when the body has %s, then 400', async (_what, body) => {
    const res = await open(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  test('when the unit is unknown, then 404 not_found', async () => {
    const res = await open({ applicant, unitSymbol: 'NIMA' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  test('when the submission is unknown, then 404 not_found', async () => {
    const res = await open({ submissionId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  test('when the responsible official is unknown (or not an official), then 404 not_found', async () => {
    for (const responsibleLogin of ['nikt.taki', office.registrar.login]) {
      const res = await open({ applicant, responsibleLogin });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });

  test('when the responsible official belongs to another unit, then 400 on responsibleLogin and no number is used up', async () => {
    const other = await createOffice(service);
    const before = await open({ applicant });
    const res = await open({ applicant, responsibleLogin: other.official.login });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: any) => e.field)).toContain('responsibleLogin');
    const after = await open({ applicant });
    const seq = (n: string) => Number(n.split('.')[2]);
    expect(seq(after.body.number)).toBe(seq(before.body.number) + 1);
  });

  test('when a citizen or an official tries to open a case, then 403', async () => {
    const res = await service.api('POST', '/api/v1/office/cases', { token: office.official.token, body: { unitSymbol: office.unitSymbol, jrwaSymbol: '1', title: 't', applicant } });
    expect(res.status).toBe(403);
  });
});
