import { ThrottledLog } from '../../../services/shared/throttled-log';

describe('ThrottledLog', () => {
  test('when an error repeats within the interval, then one line is written and the next says how many were held back', () => {
    let now = 0;
    const lines: Array<[unknown, number]> = [];
    const log = new ThrottledLog(1000, (error, heldBack) => lines.push([error, heldBack]), () => now);
    log.report('first');
    for (let i = 0; i < 500; i += 1) {
      now += 1;
      log.report(`again ${i}`);
    }
    expect(lines).toEqual([['first', 0]]);
    now = 1000;
    log.report('later');
    expect(lines).toEqual([
      ['first', 0],
      ['later', 500],
    ]);
  });

  test('when errors are further apart than the interval, then each is written', () => {
    let now = 0;
    const lines: unknown[] = [];
    const log = new ThrottledLog(100, (error) => lines.push(error), () => now);
    for (const at of [0, 100, 250, 1000]) {
      now = at;
      log.report(at);
    }
    expect(lines).toEqual([0, 100, 250, 1000]);
  });
});
