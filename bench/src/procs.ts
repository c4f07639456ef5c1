import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopChild } from '@kn/devkit/processes';

/**
 * How long a process may take to stop before it is killed: 5 s, or BENCH_STOP_GRACE_MS (the CLI
 * raises it with --cpu-prof, since a V8 profile is written only by a process that exits by itself,
 * and a subgraph waits for its peers' keep-alive connections before it does).
 */
const stopGraceMs = () => Number(process.env.BENCH_STOP_GRACE_MS ?? 5000);

export interface Proc {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeArgs] <entry>` with its output going straight to `<logDir>/<name>.log` (not
 * through this process, which drives the load and must not spend CPU on the services' logs), and
 * resolves when the log shows the `… listening` line with the URL.
 */
export async function spawnService(opts: {
  name: string;
  entry: string;
  env: Record<string, string>;
  logDir: string;
  nodeArgs?: string[];
  timeoutMs?: number;
  /** Text the ready line's `msg` contains (default `listening`). */
  readyText?: string;
  /** When the port is known: ready as soon as it answers HTTP (for services that log nothing at their level). */
  port?: number;
}): Promise<Proc> {
  const ready = opts.readyText ?? 'listening';
  mkdirSync(opts.logDir, { recursive: true });
  const file = join(opts.logDir, `${opts.name}.log`);
  const fd = openSync(file, 'w');
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.entry], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = String(code ?? signal)));
  const until = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    if (opts.port) {
      const url = `http://127.0.0.1:${opts.port}/graphql`;
      const answered = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
      if (answered) return { name: opts.name, url, pid: child.pid!, child, stop: () => stopChild(child, stopGraceMs()) };
    }
    const text = readFileSync(file, 'utf8');
    for (const line of text.split('\n')) {
      if (!line.startsWith('{') || !line.includes(ready)) continue;
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.url && entry.msg?.includes(ready)) {
          return { name: opts.name, url: entry.url.replace('//localhost:', '//127.0.0.1:'), pid: child.pid!, child, stop: () => stopChild(child, stopGraceMs()) };
        }
      } catch {
        // not JSON
      }
    }
    if (exited !== null) throw new Error(`${opts.name} exited (${exited}) before it listened; see ${file}:\n${text.split('\n').slice(-20).join('\n')}`);
  }
  child.kill('SIGKILL');
  throw new Error(`${opts.name} did not listen within ${opts.timeoutMs ?? 60_000} ms; see ${file}`);
}
