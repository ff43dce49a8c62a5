import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { waitUntil } from '../support/wait';

// The contract's process commands, run as operators run them (built code in dist/, which the
// `pretest` script builds), against this run's database and a queue prefix of this file.
const root = path.join(__dirname, '..', '..');

function start(file: string, env: Record<string, string> = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(root, file)], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', SMTP_URL: 'smtp://127.0.0.1:9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('process commands', () => {
  test('when npm start runs, then /healthz and /readyz answer 200, and SIGTERM stops it cleanly with exit 0', async () => {
    const port = await freePort();
    const proc = start('dist/services/all-in-one.main.js', { PORT: String(port) });
    await waitUntil(() => proc.output().includes('service listening'), 'the service to listen', 20_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', postgres: 'up', redis: 'up' });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('shutting down');
  });

  test('when a worker process gets SIGTERM, then it stops taking jobs and exits 0', async () => {
    const proc = start('dist/workers/worker.main.js', { WORKER_QUEUES: 'status-check,inbox', WORKER_CONCURRENCY: '5' });
    await waitUntil(() => proc.output().includes('workers started'), 'the worker to start', 20_000);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  test('when a worker process has WORKER_METRICS_PORT, then it serves its job metrics, /healthz and /readyz there', async () => {
    const port = await freePort();
    const proc = start('dist/workers/worker.main.js', { WORKER_METRICS_PORT: String(port) });
    try {
      await waitUntil(() => proc.output().includes('worker serves /metrics'), 'the worker metrics server', 20_000);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toMatch(/^# TYPE case_status_job_duration_seconds histogram$/m);
      expect(text).toMatch(/^# TYPE case_status_answer_latency_seconds histogram$/m);
    } finally {
      proc.child.kill('SIGTERM');
    }
    expect(await proc.exited).toBe(0);
  });

  test('when WORKER_QUEUES names an unknown queue, then the worker exits 1 naming it', async () => {
    const proc = start('dist/workers/worker.main.js', { WORKER_QUEUES: 'mail,nonsense' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('nonsense');
  });

  test('when a variable is malformed, then the process stops with one line naming it', async () => {
    const proc = start('dist/services/gateway/gateway.main.js', { PORT: 'eighty', JWT_SECRET: 'short' });
    expect(await proc.exited).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^Configuration error: PORT: /), expect.stringMatching(/^Configuration error: JWT_SECRET: /)]));
  });
});
