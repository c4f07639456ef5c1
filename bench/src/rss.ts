import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';

/** kB value of a field of /proc/<pid>/status (VmRSS, VmHWM), or 0 when the process is gone. */
export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** A process and its children (cluster workers), read from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const out = [pid];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const kids = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      for (const k of kids ? kids.split(/\s+/) : []) out.push(...processTree(Number(k)));
    }
  } catch {
    // gone
  }
  return [...new Set(out)];
}

/**
 * Polls the resident set size of named processes (with their children) and keeps each one's peak
 * over the sampling window: the peak RSS during a scenario, not over the process's whole life
 * (VmHWM would carry the previous scenario's peak over).
 */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  readonly peakKb = new Map<string, number>();
  constructor(private readonly targets: Record<string, number>, private readonly everyMs = 200) {}

  private sample() {
    for (const [name, pid] of Object.entries(this.targets)) {
      const kb = processTree(pid).reduce((s, p) => s + procStatusKb(p, 'VmRSS'), 0);
      if (kb > (this.peakKb.get(name) ?? 0)) this.peakKb.set(name, kb);
    }
  }

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  stop(): Record<string, number> {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return Object.fromEntries([...this.peakKb].map(([k, v]) => [k, Math.round(v / 1024)]));
  }
}

/** CPU time (user + system, ms) a process and its children have used so far, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[11] = utime, fields[12] = stime (the 14th and 15th of the full line)
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
    } catch {
      // gone
    }
  }
  return total;
}

/** The embedded PostgreSQL's postmaster (first line of `postmaster.pid`), or null when it is not ours. */
export function postmasterPid(pgDataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}
