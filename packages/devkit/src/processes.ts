import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node <entry>` with `env` and resolves once it logs that it listens (a JSON log line with a
 * `url`). Its output goes to `<logDir>/<name>.log`; a process that dies first rejects with its last lines.
 */
export function startService(opts: {
  name: string;
  entry: string;
  env: Record<string, string>;
  logDir: string;
  timeoutMs?: number;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /** Node's own flags, before the entry (e.g. the V8 heap limit). */
  nodeArgs?: string[];
}): Promise<ServiceProcess> {
  mkdirSync(opts.logDir, { recursive: true });
  const log: WriteStream = createWriteStream(join(opts.logDir, `${opts.name}.log`), { flags: 'a' });
  // its own process group: a Ctrl-C in the terminal reaches only the launcher, which stops the
  // services in order; a service whose launcher dies stops itself (KN_PARENT_PID)
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.entry], {
    // production mode unless told otherwise: graphql-js skips its development-only checks
    env: { NODE_ENV: 'production', ...process.env, KN_PARENT_PID: String(process.pid), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stopping = false;
  const tail: string[] = [];
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${opts.name} did not start within ${opts.timeoutMs ?? 30_000} ms:\n${tail.join('\n')}`));
    }, opts.timeoutMs ?? 30_000);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        tail.push(line);
        if (tail.length > 30) tail.shift();
        if (!ready && line.startsWith('{')) {
          try {
            const entry = JSON.parse(line) as { url?: string; msg?: string };
            if (entry.url && entry.msg?.includes('listening')) {
              ready = true;
              clearTimeout(timer);
              resolve({
                name: opts.name,
                url: entry.url,
                child,
                stop: () => {
                  stopping = true;
                  return stopChild(child);
                },
              });
            }
          } catch {
            // not a JSON line
          }
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      log.end();
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`${opts.name} exited (${code ?? signal}) before it was ready:\n${tail.join('\n')}`));
      } else if (!stopping) {
        opts.onExit?.(code, signal);
      }
    });
  });
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
