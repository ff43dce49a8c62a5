import type { KneeStep } from './knee-search';

/** Latency of the requests that arrived in one second of the paced run. */
export interface SecondLatency {
  second: number;
  n: number;
  p50: number;
  p99: number;
  max: number;
}

const W = 900;
const H = 300;
const PAD = { left: 64, right: 16, top: 36, bottom: 44 };

/**
 * The bench's chart as plain SVG text (no library: two small line and bar panels): on top, the
 * end-to-end latency second by second at the e2e rate (p50, p99, max); below, each knee search
 * step's p99 against the 250 ms limit, held steps in green and failed ones in red.
 */
export function latencyChartSvg(input: { e2eRate: number; bySecond: readonly SecondLatency[]; knee: readonly KneeStep[]; kneeRps: number; limitMs: number }): string {
  const top = timePanel(input.bySecond, input.e2eRate);
  const bottom = kneePanel(input.knee, input.kneeRps, input.limitMs);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${2 * H}" viewBox="0 0 ${W} ${2 * H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${2 * H}" fill="#fff"/>`,
    top,
    `<g transform="translate(0 ${H})">${bottom}</g>`,
    '</svg>',
    '',
  ].join('\n');
}

function timePanel(rows: readonly SecondLatency[], rate: number): string {
  const maxX = Math.max(1, ...rows.map((r) => r.second + 1));
  const maxY = niceCeil(Math.max(1, ...rows.map((r) => r.max)));
  const x = (s: number) => PAD.left + ((s + 0.5) / maxX) * (W - PAD.left - PAD.right);
  const y = (ms: number) => H - PAD.bottom - (ms / maxY) * (H - PAD.top - PAD.bottom);
  const line = (pick: (r: SecondLatency) => number, colour: string, label: string, i: number) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${rows.map((r) => `${x(r.second).toFixed(1)},${y(pick(r)).toFixed(1)}`).join(' ')}"/>` +
    `<text x="${W - PAD.right - 200 + i * 70}" y="${PAD.top - 8}" fill="${colour}">${label}</text>`;
  return [
    `<text x="${PAD.left}" y="20" font-weight="bold">End-to-end latency at ${rate} req/s, second by second (ms)</text>`,
    axes(maxY, y, rows.map((r) => ({ at: x(r.second), label: `${r.second}s` }))),
    line((r) => r.p50, '#1f77b4', 'p50', 0),
    line((r) => r.p99, '#ff7f0e', 'p99', 1),
    line((r) => r.max, '#7f7f7f', 'max', 2),
  ].join('\n');
}

function kneePanel(steps: readonly KneeStep[], knee: number, limitMs: number): string {
  const maxY = niceCeil(Math.max(limitMs * 2, ...steps.map((s) => Math.min(s.p99Ms, limitMs * 8))));
  const y = (ms: number) => H - PAD.bottom - (Math.min(ms, maxY) / maxY) * (H - PAD.top - PAD.bottom);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, steps.length);
  const bars = steps.map((s, i) => {
    const x0 = PAD.left + i * slot + slot * 0.15;
    const top = y(s.p99Ms);
    const colour = s.held ? '#2ca02c' : '#d62728';
    return (
      `<rect x="${x0.toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(H - PAD.bottom - top).toFixed(1)}" fill="${colour}"/>` +
      `<text x="${(x0 + slot * 0.35).toFixed(1)}" y="${(top - 4).toFixed(1)}" text-anchor="middle">${Math.round(s.p99Ms)}</text>`
    );
  });
  return [
    `<text x="${PAD.left}" y="20" font-weight="bold">Knee search: p99 (ms) of each 10 s step, in the order tried; knee ${knee} req/s</text>`,
    axes(maxY, y, steps.map((s, i) => ({ at: PAD.left + (i + 0.5) * slot, label: `${s.rate}/s` }))),
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(limitMs).toFixed(1)}" y2="${y(limitMs).toFixed(1)}" stroke="#000" stroke-dasharray="6 4"/>`,
    `<text x="${PAD.left + 4}" y="${(y(limitMs) - 4).toFixed(1)}">limit ${limitMs} ms</text>`,
    ...bars,
  ].join('\n');
}

function axes(maxY: number, y: (v: number) => number, ticks: Array<{ at: number; label: string }>): string {
  const every = Math.max(1, Math.ceil(ticks.length / 20));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = maxY * f;
    return `<line x1="${PAD.left - 4}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${PAD.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${round(v)}</text>`;
  });
  const xTicks = ticks
    .filter((_, i) => i % every === 0)
    .map((t) => `<text x="${t.at.toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${escapeXml(t.label)}</text>`);
  return [...yTicks, `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#000"/>`, ...xTicks].join('\n');
}

/** A round number at or above `v` (1, 2 or 5 times a power of ten), for the top of an axis. */
export function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((c) => c >= v) ?? 10 * p;
}

function round(v: number): string {
  return v >= 10 ? String(Math.round(v)) : v.toFixed(1);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
