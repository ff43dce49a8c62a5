import { benchSummaryMarkdown, type BenchFigures } from '../../../bench/bench-report';
import { moduleOf, summariseProfile, type CpuProfile } from '../../../bench/cpu-profile-summary';
import { latencyChartSvg, niceCeil } from '../../../bench/latency-chart';

const figures: BenchFigures = {
  measuredAt: '2026-12-01T23:00:00.000Z',
  intake_rps: 5000,
  e2e_rate: 890,
  e2e_p50_ms: 8.5,
  e2e_p95_ms: 20,
  e2e_p99_ms: 45.2,
  knee_rps: 1500,
  worker_jobs_per_s: 1000,
  noop_jobs_per_s: 6000,
  express_hello_rps: 8877,
  lost: 0,
  duplicates: 0,
  notes: {
    machine: { cpu: 'AMD EPYC', cores: 2, node: 'v20.20.2', loadAverageAtStart: [3.5, 2.25, 1] },
    kneeSteps: [
      { rate: 890, held: true, p99Ms: 40, sent: 8900, answered: 8900 },
      { rate: 1240, held: false, p99Ms: 700, sent: 12400, answered: 12400 },
    ],
    durationSeconds: 240,
  },
};

describe('the bench summary', () => {
  test('when written, then it shows each figure as a ratio to its ceiling, the goals met or missed, and the machine with its load', () => {
    const md = benchSummaryMarkdown(figures);
    expect(md).toContain('| 5000 req/s | 0.56 × hello | ≥ 0.5 × hello: met |');
    expect(md).toContain('| 1000 jobs/s | 0.17 × no-op | ≥ 0.2 × no-op: missed |');
    expect(md).toContain('p99 ≤ 50 ms: met');
    expect(md).toContain('| 1500 req/s | 0.17 × hello | ≥ 0.2 × hello: missed |');
    expect(md).toContain('AMD EPYC, 2 cores, Node v20.20.2; load average at start 3.50 / 2.25 / 1.00');
    expect(md).toContain('| 2 | 1240 | 700 | 12400 of 12400 | not held |');
  });
});

describe('the latency chart', () => {
  const svg = latencyChartSvg({
    e2eRate: 890,
    bySecond: [
      { second: 0, n: 890, p50: 5, p99: 30, max: 40 },
      { second: 1, n: 890, p50: 6, p99: 35, max: 120 },
    ],
    knee: figures.notes.kneeSteps,
    kneeRps: 890,
    limitMs: 250,
  });

  test('when drawn, then it is one SVG document with the three latency lines and a bar per knee step, coloured by result', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('fill="#2ca02c"');
    expect(svg).toContain('fill="#d62728"');
    expect(svg).toContain('knee 890 req/s');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  test('when there is nothing to draw, then the chart still has no NaN in it', () => {
    const empty = latencyChartSvg({ e2eRate: 10, bySecond: [], knee: [], kneeRps: 0, limitMs: 250 });
    expect(empty).not.toMatch(/NaN|Infinity/);
  });

  test('when an axis is topped, then it is 1, 2 or 5 times a power of ten', () => {
    expect(niceCeil(120)).toBe(200);
    expect(niceCeil(40)).toBe(50);
    expect(niceCeil(500)).toBe(500);
    expect(niceCeil(0.7)).toBe(1);
  });
});

describe('the CPU profile summary', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
      { id: 2, callFrame: { functionName: 'addJob', url: 'file:///app/node_modules/bullmq/dist/cjs/classes/queue.js', lineNumber: 9 } },
      { id: 3, callFrame: { functionName: 'request', url: 'file:///app/dist/services/status-checks/status-check.service.js', lineNumber: 19 } },
      { id: 4, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
      { id: 5, callFrame: { functionName: 'verify', url: 'file:///app/node_modules/@scope/pkg/index.js', lineNumber: 0 } },
    ],
    startTime: 0,
    endTime: 1000,
    samples: [2, 2, 3, 4, 5, 2],
    timeDeltas: [0, 100, 100, 100, 100, 100],
  };

  test('when summarised, then each function and module gets the time until the next sample, largest first', () => {
    const s = summariseProfile(profile);
    expect(s.totalMs).toBe(1);
    expect(s.byModule[0]).toEqual({ name: 'bullmq', ms: 0.2, share: 40 });
    expect(s.byModule.map((m) => m.name)).toEqual(expect.arrayContaining(['services/status-checks/status-check.service.js', '(garbage collector)', '@scope/pkg']));
    expect(s.byFunction[0].name).toBe('addJob bullmq:10');
  });

  test('when a frame has no file, then its module is its V8 name or (native)', () => {
    expect(moduleOf('', '(idle)')).toBe('(idle)');
    expect(moduleOf('', 'writev')).toBe('(native)');
    expect(moduleOf('node:_http_server', 'emit')).toBe('node:_http_server');
  });
});
