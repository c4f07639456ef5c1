import { readFileSync } from 'node:fs';

/**
 * `node bench/dist/profile-top.js <file.cpuprofile> [n]`: where a process's CPU time went, from a
 * V8 profile written by `pnpm bench --cpu-prof`: self time by function and by package.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summarizeProfile(p: Profile) {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of p.nodes) {
    const t = self.get(n.id) ?? 0;
    if (!t) continue;
    const url = n.callFrame.url;
    const short = url.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^file:\/\/.*\/(gateway|bench|packages|services)\//, '$1/');
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${short}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const pkg = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (/\/(gateway|bench|packages\/[^/]+|services\/[^/]+)\//.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node:internal' : url ? url : `(${n.callFrame.functionName || 'native'})`));
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, t]) => ({ name, ms: Math.round(t / 1000), pct: Math.round((t / total) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), byPackage: top(byPkg, 25), byFunction: top(byFn, 40) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/dist/profile-top.js <file.cpuprofile> [n]');
    process.exit(2);
  }
  const s = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const n = Number(process.argv[3] ?? 40);
  console.log(`total sampled ${s.totalMs} ms\n\nby package:`);
  for (const r of s.byPackage) console.log(`${String(r.pct).padStart(5)} %  ${String(r.ms).padStart(6)} ms  ${r.name}`);
  console.log('\nby function (self time):');
  for (const r of s.byFunction.slice(0, n)) console.log(`${String(r.pct).padStart(5)} %  ${String(r.ms).padStart(6)} ms  ${r.name}`);
}
