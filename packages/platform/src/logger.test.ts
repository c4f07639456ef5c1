import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// the built module (pnpm test builds first), run by a real node process
const loggerModule = fileURLToPath(new URL('../dist/logger.js', import.meta.url));

/** Runs a script with the platform's logger in a real process; its stdout lines and exit code. */
function run(body: string): Promise<{ code: number | null; lines: Record<string, any>[] }> {
  const script = `import { createLogger, installFatalHandlers, flushLogs } from ${JSON.stringify(loggerModule)};
    const logger = createLogger('crash-test', 'info');
    installFatalHandlers(logger);
    ${body}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => process.stderr.write(d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l)) }));
  });
}

/** Issue 16: logs are buffered and written asynchronously, and nothing buffered is lost. */
describe('asynchronous, buffered logs', () => {
  it('the last line before a crash (an uncaught exception) is written, then the fatal error', async () => {
    const { code, lines } = await run(`
      for (let i = 0; i < 20; i++) logger.info({ i }, 'work');
      logger.info('the last line before the crash');
      setTimeout(() => { throw new Error('boom'); }, 5);`);
    expect(code).toBe(1);
    expect(lines.filter((l) => l.msg === 'work')).toHaveLength(20);
    expect(lines.at(-2)).toMatchObject({ msg: 'the last line before the crash', service: 'crash-test' });
    expect(lines.at(-1)).toMatchObject({ level: 60, msg: 'uncaught exception', err: { message: 'boom' } });
  });

  it('an unhandled rejection too', async () => {
    const { code, lines } = await run(`
      logger.info('before the rejection');
      Promise.reject(new Error('nobody caught me'));`);
    expect(code).toBe(1);
    expect(lines.map((l) => l.msg)).toEqual(['before the rejection', 'unhandled rejection']);
    expect(lines[1]).toMatchObject({ level: 60, err: { message: 'nobody caught me' } });
  });

  it('lines are held in the buffer (not one write each) and written on exit', async () => {
    const { code, lines } = await run(`
      logger.info('held');
      // still buffered (fewer than 4 KiB, no second passed): a line written straight to fd 1 overtakes it
      const fs = await import('node:fs');
      fs.writeSync(1, JSON.stringify({ msg: 'straight' }) + '\\n');
      process.exit(0);`);
    expect(code).toBe(0);
    expect(lines.map((l) => l.msg)).toEqual(['straight', 'held']);
  });

  it('a quiet logger still writes within about a second', async () => {
    const { lines } = await run(`
      logger.info('alone');
      const fs = await import('node:fs');
      setTimeout(() => { fs.writeSync(1, JSON.stringify({ msg: 'marker' }) + '\\n'); process.exit(0); }, 1600);`);
    // the buffered line was written by the periodic flush, before the marker written straight to fd 1
    expect(lines.map((l) => l.msg)).toEqual(['alone', 'marker']);
  });
});
