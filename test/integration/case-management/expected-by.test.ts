import { refreshAllResolutionMedians } from '../../../services/cases/case-resolution-median.repository';
import { changeCase, openPaperCase } from '../../support/cases';
import { serviceWithOffice } from '../../support/office';
import { TestService } from '../../support/test-service';

const service = new TestService();
const office = serviceWithOffice(service, { workers: false });

const DAY = 24 * 3600 * 1000;
const db = () => service.ctx.dataSource;
const get = async (number: string) => (await service.api('GET', `/api/v1/office/cases/${encodeURIComponent(number)}`, { token: office.official.token })).body;

/** A case of JRWA class `jrwa` that took `days` days: started that long ago, resolved now. */
async function resolvedAfter(jrwa: string, days: number): Promise<void> {
  const number = await openPaperCase(service, office, { jrwaSymbol: jrwa });
  await db().query(`UPDATE cases SET started_at = now() - make_interval(days => $2) WHERE number = $1`, [number, days]);
  expect((await changeCase(service, office.official.token, number, { status: 'resolved' })).status).toBe(200);
}

describe('expectedBy: the office\'s own median for the unit and JRWA class', () => {
  test('when only 4 cases of the class were resolved, then expectedBy is null; with the 5th it is the start plus their median', async () => {
    for (const days of [10, 40, 20, 30]) await resolvedAfter('7021', days);
    const waiting = await openPaperCase(service, office, { jrwaSymbol: '7021' });
    expect((await get(waiting)).expectedBy).toBeNull();

    await resolvedAfter('7021', 50);
    const detail = await get(waiting);
    // The median of 10, 20, 30, 40 and 50 days.
    expect(Math.abs(Date.parse(detail.expectedBy) - (Date.parse(detail.startedAt) + 30 * DAY))).toBeLessThan(60_000);
    // Another class of the same unit has its own (none yet).
    expect((await get(await openPaperCase(service, office, { jrwaSymbol: '7022' }))).expectedBy).toBeNull();
  });

  test('when the resolved cases fall out of the last 365 days, then the daily refresh forgets them', async () => {
    for (const days of [5, 6, 7, 8, 9]) await resolvedAfter('7023', days);
    const waiting = await openPaperCase(service, office, { jrwaSymbol: '7023' });
    expect((await get(waiting)).expectedBy).not.toBeNull();
    await db().query(`UPDATE cases SET ended_at = ended_at - interval '400 days', started_at = started_at - interval '400 days' WHERE jrwa_symbol = '7023' AND status = 'resolved'`);
    await refreshAllResolutionMedians(db(), new Date());
    expect((await get(waiting)).expectedBy).toBeNull();
    const [row] = await db().query(`SELECT m.sample_size FROM case_resolution_medians m JOIN units u ON u.id = m.unit_id WHERE u.symbol = $1 AND m.jrwa_symbol = '7023'`, [office.unitSymbol]);
    expect(row.sample_size).toBe(0);
  });

  test('when a case is read, then its median comes from the summary row: the plan touches no other case', async () => {
    const number = await openPaperCase(service, office, { jrwaSymbol: '7021' });
    const [{ 'QUERY PLAN': plan }] = await db().query(
      `EXPLAIN (FORMAT JSON) SELECT * FROM cases c LEFT JOIN case_resolution_medians m ON m.unit_id = c.unit_id AND m.jrwa_symbol = c.jrwa_symbol WHERE c.number = $1`,
      [number],
    );
    expect(JSON.stringify(plan)).not.toContain('Aggregate');
  });
});
