import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { security } from './control.js';

/**
 * Each part of the suite writes its figures to `<resultsDir>/<name>.json`; run.mjs sums them and
 * prints the summary lines last. Keys the summary reads:
 *   isolation-*.json  { tried, leaked, leaks: [...] }
 *   bad-input-*.json  { cases, serverErrors, writes }
 *   faults-*.json     { scenarios: [{ name, ok, skipped?, reason?, figures? }] }
 *   soak.json, audit.json: figures printed as they are
 */
export function writeResult(name: string, result: unknown): void {
  writeFileSync(join(security().resultsDir, `${name}.json`), JSON.stringify(result, null, 2));
}

/** Prints a line the suite's reader should see even when vitest is quiet. */
export function report(line: string): void {
  process.stdout.write(`${line}\n`);
}
