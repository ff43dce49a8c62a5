import { Batcher, isStatementError } from '../../../services/shared/batcher';

/** A group runner that records its groups and answers each item doubled, after a tick. */
function recording(fail?: (items: number[]) => unknown) {
  const groups: number[][] = [];
  const run = async (items: number[]) => {
    groups.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const error = fail?.(items);
    if (error) throw error;
    return items.map((i) => i * 2);
  };
  return { groups, run };
}

describe('the batcher (group commit)', () => {
  test('when calls arrive together, then they run as one group and each gets its own result', async () => {
    const r = recording();
    const b = new Batcher({ run: r.run });
    const results = await Promise.all([1, 2, 3].map((i) => b.add(i)));
    expect(results).toEqual([2, 4, 6]);
    expect(r.groups).toEqual([[1, 2, 3]]);
  });

  test('when calls arrive while the groups are in flight, then they wait and go together in the next group', async () => {
    const r = recording();
    const b = new Batcher({ run: r.run, concurrency: 1 });
    const first = b.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((i) => b.add(i));
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
    expect(r.groups).toEqual([[1], [2, 3, 4]]);
  });

  test('when more calls wait than a group may hold, then they are split into groups of at most maxBatch', async () => {
    const r = recording();
    const b = new Batcher({ run: r.run, maxBatch: 2, concurrency: 1 });
    await Promise.all([1, 2, 3, 4, 5].map((i) => b.add(i)));
    expect(r.groups.map((g) => g.length)).toEqual([2, 2, 1]);
  });

  test('when no more than `concurrency` groups may run, then no more run at once', async () => {
    let running = 0;
    let most = 0;
    const b = new Batcher<number, number>({
      run: async (items) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return items;
      },
      maxBatch: 1,
      concurrency: 2,
    });
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => b.add(i)));
    expect(most).toBe(2);
  });

  test('when a group fails with a statement error, then its items run one by one and only the bad one fails', async () => {
    const bad = Object.assign(new Error('violates foreign key constraint'), { code: '23503' });
    const r = recording((items) => (items.includes(2) ? bad : undefined));
    const b = new Batcher({ run: r.run, retrySingly: isStatementError });
    const settled = await Promise.allSettled([1, 2, 3].map((i) => b.add(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBe(bad);
    expect(r.groups).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  test('when a group fails otherwise (the database is away), then every call fails at once, without retries', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const r = recording(() => down);
    const b = new Batcher({ run: r.run, retrySingly: isStatementError });
    const settled = await Promise.allSettled([1, 2].map((i) => b.add(i)));
    expect(settled.every((s) => s.status === 'rejected' && s.reason === down)).toBe(true);
    expect(r.groups).toHaveLength(1);
  });

  test('when PostgreSQL refused the statement, then it is a statement error; a lost connection or a shutdown is not', () => {
    expect(isStatementError({ code: '23505' })).toBe(true);
    expect(isStatementError({ code: '22P02' })).toBe(true);
    expect(isStatementError({ code: '40P01' })).toBe(true);
    expect(isStatementError({ code: 'P0001' })).toBe(true);
    expect(isStatementError({ code: '57P01' })).toBe(false);
    expect(isStatementError({ code: '08006' })).toBe(false);
    expect(isStatementError({ code: '53300' })).toBe(false);
    expect(isStatementError({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isStatementError(new Error('x'))).toBe(false);
    expect(isStatementError(null)).toBe(false);
  });
});
