import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile (as `node --cpu-prof` writes it) that a summary needs. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time of one function or module, in ms and as a share of the sampled time. */
export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/**
 * Where a process spent its own time: self time per function and per module (a package in
 * node_modules, a file of ours, node's internals, or V8's "(garbage collector)", "(idle)" …).
 * Self time is what the function did itself, not what it called: the place to cut.
 */
export function summariseProfile(profile: CpuProfile, top = 25): { totalMs: number; byFunction: SelfTime[]; byModule: SelfTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next sample (V8 records the delta before each one).
  for (let i = 0; i < samples.length; i++) {
    const us = deltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, us));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fn = new Map<string, number>();
  const mod = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = moduleOf(frame.url, frame.functionName);
    const name = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    mod.set(where, (mod.get(where) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, share: Math.round((us / totalUs) * 1000) / 10 }));
  return { totalMs: Math.round(totalUs / 1000), byFunction: rank(fn), byModule: rank(mod) };
}

/** A frame's module: `pkg` for node_modules/pkg (or @scope/pkg), our file relative to dist, `node:…` for internals. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url.replace(/^file:\/\//, '');
}

// `node dist/bench/cpu-profile-summary.js FILE.cpuprofile [top]`: prints the two tables.
if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile-summary.js FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25));
  const table = (title: string, rows: SelfTime[]) =>
    `${title}\n${rows.map((r) => `${r.share.toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`).join('\n')}\n`;
  process.stdout.write(`${file}: ${summary.totalMs} ms sampled\n\n${table('self time by module', summary.byModule)}\n${table('self time by function', summary.byFunction)}`);
}
