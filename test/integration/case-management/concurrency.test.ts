import { dueAtAfterPause } from '../../../services/cases/kpa-deadline';
import { changeCase, openPaperCase } from '../../support/cases';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

describe('concurrent changes of one case', () => {
  test('when several officials close the same case at once, then one closes it and the rest get 409 case_closed', async () => {
    const number = await openPaperCase(service, office);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => changeCase(service, i % 2 ? office.admin.token : office.official.token, number, { status: 'resolved', note: `Zamknięcie ${i}` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const [{ n }] = await service.ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.number = $1 AND h.status = 'resolved'`,
      [number],
    );
    expect(n).toBe(1);
    const events = await service.ctx.dataSource.query(
      `SELECT 1 FROM outbox_events o JOIN case_history h ON h.id = (o.payload->>'historyId')::uuid JOIN cases c ON c.id = h.case_id
        WHERE o.job_name = 'inbox.case-status-changed' AND c.number = $1`,
      [number],
    );
    expect(events).toHaveLength(1);
  });

  test('when suspensions and resumptions race, then the clock ends consistent: dueAt moved by the days of every pause in turn and the last status decides the stop', async () => {
    const number = await openPaperCase(service, office);
    const [{ due_at: due }] = await service.ctx.dataSource.query(`SELECT due_at FROM cases WHERE number = $1`, [number]);
    const statuses = ['suspended', 'in_progress', 'awaiting_applicant', 'in_progress', 'suspended', 'in_progress', 'awaiting_applicant', 'suspended'];
    const answers = await Promise.all(statuses.map((status) => changeCase(service, office.official.token, number, { status })));
    expect(answers.every((a) => a.status === 200)).toBe(true);

    // Replaying the history in commit order must give the stored clock.
    const history: Array<{ status: string; changed_at: Date }> = await service.ctx.dataSource.query(
      `SELECT h.status, h.changed_at FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.number = $1 ORDER BY h.changed_at`,
      [number],
    );
    let pausedSince: Date | null = null;
    let dueAt: Date = due;
    for (const h of history) {
      const paused = h.status === 'suspended' || h.status === 'awaiting_applicant';
      if (paused && pausedSince === null) pausedSince = h.changed_at;
      if (!paused && pausedSince !== null) {
        dueAt = dueAtAfterPause(dueAt, pausedSince, h.changed_at);
        pausedSince = null;
      }
    }
    const [row] = await service.ctx.dataSource.query(`SELECT status, due_at, paused_since FROM cases WHERE number = $1`, [number]);
    expect(row.status).toBe(history.at(-1)!.status);
    expect(row.due_at.getTime()).toBe(dueAt.getTime());
    expect(row.paused_since?.getTime() ?? null).toBe(pausedSince?.getTime() ?? null);
  });
});
