import { startRelay, type RelaySource } from '../../../services/outbox/relay';
import { waitUntil } from '../../support/wait';

describe('the relay loop', () => {
  test('when one source fails, then the others are still asked, round after round', async () => {
    const calls: string[] = [];
    const failing: RelaySource = { name: 'failing', relayOnce: async () => { calls.push('failing'); throw new Error('Redis is not connected'); } };
    const working: RelaySource = { name: 'working', relayOnce: async () => { calls.push('working'); return 0; } };
    const stop = startRelay([failing, working], 5);
    try {
      await waitUntil(() => calls.filter((c) => c === 'working').length >= 3, 'three rounds', 2000);
    } finally {
      await stop();
    }
    expect(calls.slice(0, 2)).toEqual(['failing', 'working']);
  });

  test('when a round takes longer than the interval, then rounds never overlap, and stop waits for the one in progress', async () => {
    let inFlight = 0;
    let most = 0;
    let finished = 0;
    const slow: RelaySource = {
      name: 'slow',
      relayOnce: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight -= 1;
        finished += 1;
        return 1;
      },
    };
    const stop = startRelay([slow], 5);
    await waitUntil(() => finished >= 2, 'two slow rounds', 2000);
    await stop();
    expect(most).toBe(1);
    expect(inFlight).toBe(0);
  });
});
