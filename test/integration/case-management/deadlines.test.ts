import { dueAtAfterPause } from '../../../services/cases/kpa-deadline';
import { backdatePause, changeCase, openPaperCase } from '../../support/cases';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const db = () => service.ctx.dataSource;
const clockOf = async (number: string): Promise<{ due_at: Date; paused_since: Date | null }> =>
  (await db().query(`SELECT due_at, paused_since FROM cases WHERE number = $1`, [number]))[0];
const change = (number: string, body: unknown) => changeCase(service, office.official.token, number, body);

/** Pauses the case with `status` and makes it look paused for `ms`; returns when the clock stopped. */
async function pauseFor(number: string, status: string, ms: number): Promise<Date> {
  expect((await change(number, { status })).status).toBe(200);
  await backdatePause(service, number, ms);
  return (await clockOf(number)).paused_since!;
}

describe('the KPA art. 35 clock through the API', () => {
  // The day arithmetic itself is unit-tested (test/unit/cases); here: the API applies it.
  test('when a case is suspended and resumed, then dueAt moves later by the calendar days it was suspended, off non-working days', async () => {
    const number = await openPaperCase(service, office);
    const { due_at: due } = await clockOf(number);
    const suspended = await change(number, { status: 'suspended' });
    expect(suspended.body.dueAt).toBe(due.toISOString());
    expect(suspended.body.pausedSince).toBe((await clockOf(number)).paused_since!.toISOString());
    const stoppedAt = await pauseFor(number, 'suspended', 3 * DAY + 5 * HOUR);
    const resumed = await change(number, { status: 'in_progress' });
    const resumedAt = new Date(resumed.body.history.at(-1).changedAt);
    expect(resumed.body.dueAt).toBe(dueAtAfterPause(due, stoppedAt, resumedAt).toISOString());
    expect(Date.parse(resumed.body.dueAt) - due.getTime()).toBeGreaterThanOrEqual(4 * DAY);
    expect(resumed.body.pausedSince).toBeNull();
    expect((await clockOf(number)).paused_since).toBeNull();
  });

  test('when a case is paused twice, then both pauses add up', async () => {
    const number = await openPaperCase(service, office);
    const { due_at: due } = await clockOf(number);
    const first = await pauseFor(number, 'awaiting_applicant', 2 * DAY);
    const r1 = await change(number, { status: 'in_progress' });
    const afterFirst = dueAtAfterPause(due, first, new Date(r1.body.history.at(-1).changedAt));
    const second = await pauseFor(number, 'suspended', 4 * DAY);
    const r2 = await change(number, { status: 'in_progress' });
    expect(r2.body.dueAt).toBe(dueAtAfterPause(afterFirst, second, new Date(r2.body.history.at(-1).changedAt)).toISOString());
  });

  test('when a case goes suspended → awaiting_applicant → in_progress, then the clock stays stopped from the first pause', async () => {
    const number = await openPaperCase(service, office);
    const { due_at: due } = await clockOf(number);
    const stoppedAt = await pauseFor(number, 'suspended', 5 * DAY);
    const between = await change(number, { status: 'awaiting_applicant' });
    expect(between.body.dueAt).toBe(due.toISOString());
    expect((await clockOf(number)).paused_since).toEqual(stoppedAt);
    const resumed = await change(number, { status: 'in_progress' });
    expect(resumed.body.dueAt).toBe(dueAtAfterPause(due, stoppedAt, new Date(resumed.body.history.at(-1).changedAt)).toISOString());
  });

  test('when a paused case is closed, then the paused days still count, the clock is cleared and endedAt set', async () => {
    const number = await openPaperCase(service, office);
    const { due_at: due } = await clockOf(number);
    const stoppedAt = await pauseFor(number, 'suspended', DAY);
    const closed = await change(number, { status: 'discontinued' });
    const closedAt = new Date(closed.body.history.at(-1).changedAt);
    expect(closed.body.dueAt).toBe(dueAtAfterPause(due, stoppedAt, closedAt).toISOString());
    expect(Date.parse(closed.body.endedAt)).toBe(closedAt.getTime());
    expect((await clockOf(number)).paused_since).toBeNull();
  });

  test('when a late case is paused, then it is not overdue while paused (the deadline does not run), and overdue again once resumed late', async () => {
    const late = await openPaperCase(service, office);
    await db().query(`UPDATE cases SET due_at = now() - interval '5 days' WHERE number = $1`, [late]);
    expect((await change(late, { status: 'in_progress' })).body.overdue).toBe(true);
    expect((await change(late, { status: 'suspended' })).body.overdue).toBe(false);
    expect((await change(late, { status: 'in_progress' })).body.overdue).toBe(true);
    const onTime = await openPaperCase(service, office);
    expect((await change(onTime, { status: 'suspended' })).body.overdue).toBe(false);
  });
});

describe('a new deadline (KPA art. 36)', () => {
  test('when an official sets a new date with a reason, then dueAt is that date and a deadline change row and notice event are written', async () => {
    const number = await openPaperCase(service, office);
    const res = await change(number, { dueAt: '2099-03-15T12:00:00+01:00', reason: 'Konieczność uzyskania opinii biegłego' });
    expect(res.status).toBe(200);
    expect(res.body.dueAt).toBe('2099-03-15T11:00:00.000Z');
    const rows = await db().query(
      `SELECT d.id, d.due_at, d.reason, u.login FROM case_deadline_changes d JOIN cases c ON c.id = d.case_id JOIN users u ON u.id = d.changed_by WHERE c.number = $1`,
      [number],
    );
    expect(rows).toEqual([{ id: expect.any(String), due_at: new Date('2099-03-15T11:00:00.000Z'), reason: 'Konieczność uzyskania opinii biegłego', login: office.official.login }]);
    const events = await db().query(`SELECT payload FROM outbox_events WHERE job_name = 'inbox.case-deadline-changed' AND payload->>'deadlineChangeId' = $1`, [rows[0].id]);
    expect(events).toEqual([{ payload: { deadlineChangeId: rows[0].id } }]);
  });

  test('when the same date is set again, then it is no change and no second row', async () => {
    const number = await openPaperCase(service, office);
    await change(number, { dueAt: '2099-01-10T10:00:00.000Z', reason: 'Opinia biegłego' });
    await change(number, { dueAt: '2099-01-10T10:00:00.000Z', reason: 'Opinia biegłego' });
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM case_deadline_changes d JOIN cases c ON c.id = d.case_id WHERE c.number = $1`, [number]);
    expect(n).toBe(1);
  });

  test('when a paused case gets a new date, then only the pause after it moves it on resumption', async () => {
    const number = await openPaperCase(service, office);
    await pauseFor(number, 'suspended', 10 * DAY);
    const renewed = await change(number, { dueAt: '2099-06-01T10:00:00.000Z', reason: 'Zawieszenie na wniosek strony' });
    const renewedAt = Date.parse(renewed.body.history.at(-1).changedAt);
    const stoppedAt = (await clockOf(number)).paused_since!;
    expect(stoppedAt.getTime()).toBeGreaterThanOrEqual(renewedAt);
    await backdatePause(service, number, DAY);
    const resumed = await change(number, { status: 'in_progress' });
    const resumedAt = new Date(resumed.body.history.at(-1).changedAt);
    expect(resumed.body.dueAt).toBe(dueAtAfterPause(new Date('2099-06-01T10:00:00.000Z'), new Date(stoppedAt.getTime() - DAY), resumedAt).toISOString());
  });

  test('when the reason is missing, then 400 on reason and nothing changes', async () => {
    const number = await openPaperCase(service, office);
    const before = await clockOf(number);
    const res = await change(number, { dueAt: '2099-01-01T00:00:00.000Z' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['reason']);
    expect(await clockOf(number)).toEqual(before);
  });

  test('when the new date is before the start date, then 400 on dueAt', async () => {
    const number = await openPaperCase(service, office);
    const res = await change(number, { dueAt: '2020-01-01T00:00:00.000Z', reason: 'Pomyłka' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'dueAt', message: expect.stringContaining('rozpoczęcia') }]);
  });
});
