import http from 'node:http';

export interface PacedResult {
  sent: number;
  accepted: number;
  ids: string[];
  errors: number;
}

/**
 * Sends `rate` requests a second for `seconds`, each at its own time slot (t0 + i/rate), not in
 * bursts, over keep-alive connections. `request(i)` gives each request's path, token and JSON;
 * `onAccepted` hears of each accepted request with the time (Date.now()) it was sent.
 */
export async function pacedLoad(
  port: number,
  rate: number,
  seconds: number,
  request: (i: number) => { path: string; token: string; body: unknown },
  onAccepted: (id: string, sentAtMs: number) => void = () => undefined,
): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const result: PacedResult = { sent: 0, accepted: 0, ids: [], errors: 0 };
  const inFlight: Array<Promise<void>> = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { path, token, body } = request(i);
    result.sent += 1;
    const sentAt = Date.now();
    inFlight.push(
      send(agent, port, path, token, JSON.stringify(body)).then(
        ({ status, text }) => {
          if (status === 202) {
            const { id } = JSON.parse(text) as { id: string };
            result.accepted += 1;
            result.ids.push(id);
            onAccepted(id, sentAt);
          } else result.errors += 1;
        },
        () => {
          result.errors += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return result;
}

function send(agent: http.Agent, port: number, path: string, token: string, payload: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The p-th percentile (0–100) of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
