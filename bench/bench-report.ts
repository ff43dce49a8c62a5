import type { KneeStep } from './knee-search';

/** The figures of one bench run that the summary shows (a subset of latest.json). */
export interface BenchFigures {
  measuredAt: string;
  intake_rps: number;
  e2e_rate: number;
  e2e_p50_ms: number;
  e2e_p95_ms: number;
  e2e_p99_ms: number;
  knee_rps: number;
  worker_jobs_per_s: number;
  noop_jobs_per_s: number;
  express_hello_rps: number;
  lost: number;
  duplicates: number;
  notes: {
    machine: { cpu: string; cores: number; node: string; loadAverageAtStart: number[] };
    kneeSteps: KneeStep[];
    durationSeconds: number;
  };
}

/** The goals of issue 12, as ratios to the ceilings measured in the same run. */
export const GOALS = { intakeVsHello: 0.5, workerVsNoop: 0.2, e2eP99Ms: 50, kneeVsHello: 0.2 } as const;

/** The Markdown summary written beside latest.json: figures, ratios to the ceilings, goals, machine. */
export function benchSummaryMarkdown(r: BenchFigures): string {
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
  const mark = (ok: boolean) => (ok ? 'met' : 'missed');
  const m = r.notes.machine;
  const rows = [
    ['intake (`POST /api/v1/status-checks`, 64 connections)', `${r.intake_rps} req/s`, `${ratio(r.intake_rps, r.express_hello_rps)} × hello`, `≥ ${GOALS.intakeVsHello} × hello: ${mark(r.intake_rps >= GOALS.intakeVsHello * r.express_hello_rps)}`],
    ['one worker draining a full queue', `${r.worker_jobs_per_s} jobs/s`, `${ratio(r.worker_jobs_per_s, r.noop_jobs_per_s)} × no-op`, `≥ ${GOALS.workerVsNoop} × no-op: ${mark(r.worker_jobs_per_s >= GOALS.workerVsNoop * r.noop_jobs_per_s)}`],
    [`end to end at ${r.e2e_rate} req/s (${ratio(r.e2e_rate, r.express_hello_rps)} × hello)`, `p50 ${r.e2e_p50_ms} ms, p95 ${r.e2e_p95_ms} ms, p99 ${r.e2e_p99_ms} ms`, '—', `p99 ≤ ${GOALS.e2eP99Ms} ms: ${mark(r.e2e_p99_ms <= GOALS.e2eP99Ms)}`],
    ['knee (highest paced rate held 10 s, p99 < 250 ms)', `${r.knee_rps} req/s`, `${ratio(r.knee_rps, r.express_hello_rps)} × hello`, `≥ ${GOALS.kneeVsHello} × hello: ${mark(r.knee_rps >= GOALS.kneeVsHello * r.express_hello_rps)}`],
    ['ceiling: Express hello-world', `${r.express_hello_rps} req/s`, '1', '—'],
    ['ceiling: no-op worker', `${r.noop_jobs_per_s} jobs/s`, '1', '—'],
    ['lost / duplicates', `${r.lost} / ${r.duplicates}`, '—', `0 / 0: ${mark(r.lost === 0 && r.duplicates === 0)}`],
  ];
  const steps = r.notes.kneeSteps.map((s, i) => `| ${i + 1} | ${s.rate} | ${s.p99Ms} | ${s.answered} of ${s.sent} | ${s.held ? 'held' : 'not held'} |`);
  return [
    `# Benchmark, ${r.measuredAt}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average at start ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')}`,
    '(1 / 5 / 15 min: the machine is shared, other processes ran beside the bench). The whole run',
    `took ${r.notes.durationSeconds} s. Compare the ratios, not the absolute figures: the ceilings were measured in the same run.`,
    '',
    '| figure | measured | ratio to its ceiling | goal |',
    '| --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    '## Knee search',
    '',
    '| step | rate (req/s) | p99 (ms) | answered | result |',
    '| --- | --- | --- | --- | --- |',
    ...steps,
    '',
    'Chart: `latest.svg` (latency second by second at the e2e rate; p99 of each knee step).',
    '',
  ].join('\n');
}
