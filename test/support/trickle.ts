import type { ApiResponse, Citizen, ServiceClient } from './test-service';

/** One answer the trickle got: which call, when (ms since the start), and its status. */
export interface TrickleAnswer {
  call: string;
  at: number;
  status: number;
  retryAfter: string | null;
}

/** What a trickle sent and got: every answer, and the ids of the status checks accepted (202). */
export interface TrickleResult {
  answers: TrickleAnswer[];
  accepted: string[];
}

/**
 * A steady trickle of a citizen's requests during a fault drill, one round every `everyMs`:
 * a status check of a new case number, the inbox and /me. `stop()` waits for the round in
 * flight. A round never overlaps the next: a slow answer delays the trickle, it does not pile up.
 */
export function startTrickle(client: ServiceClient, citizen: Citizen, everyMs = 300): { stop(): Promise<TrickleResult> } {
  const started = Date.now();
  const answers: TrickleAnswer[] = [];
  const accepted: string[] = [];
  let round = 0;
  let stopped = false;
  const record = async (call: string, send: () => Promise<ApiResponse<{ id?: string }>>) => {
    let status = 0;
    let retryAfter: string | null = null;
    try {
      const res = await send();
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      if (call === 'status-check' && status === 202 && res.body.id) accepted.push(res.body.id);
    } catch {
      // no HTTP answer at all (status 0): a drill counts it as a failure like a 500
    }
    answers.push({ call, at: Date.now() - started, status, retryAfter });
  };
  const loop = (async () => {
    while (!stopped) {
      const n = ++round;
      const next = new Promise((resolve) => setTimeout(resolve, everyMs));
      await Promise.all([
        record('status-check', () => client.api('POST', '/api/v1/status-checks', { token: citizen.token, body: { caseNumber: `TR.6840.${n}.2026` } })),
        record('inbox', () => client.api('GET', '/api/v1/inbox?limit=1', { token: citizen.token })),
        record('me', () => client.api('GET', '/api/v1/me', { token: citizen.token })),
      ]);
      await next;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { answers, accepted };
    },
  };
}

/** The statuses each call got, counted: `{ 'status-check 202': 40, 'inbox 200': 40, ... }`. */
export function tally(answers: readonly TrickleAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[`${a.call} ${a.status}`] = (counts[`${a.call} ${a.status}`] ?? 0) + 1;
  return counts;
}
