#!/usr/bin/env node
// `pnpm test:security`: runs the suite (vitest, its own throwaway platform), then prints the
// figures each part wrote, ending with the three summary lines. Exit code: vitest's, or 1 when a
// figure is not clean (a leak, a server error, a write, a failed fault scenario).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const resultsDir = process.env.KN_SECURITY_RESULTS ?? mkdtempSync(join(tmpdir(), 'kn-security-results-'));
const started = Date.now();
const vitest = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/security/vitest.config.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, KN_SECURITY_RESULTS: resultsDir } },
);

const read = (prefix) =>
  existsSync(resultsDir)
    ? readdirSync(resultsDir)
        .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')))
    : [];
const sum = (list, key) => list.reduce((n, r) => n + (Number(r[key]) || 0), 0);

const isolation = read('isolation-');
const badInput = read('bad-input-');
const faults = read('faults-').flatMap((r) => r.scenarios ?? []);
const [soak] = read('soak');
const [audit] = read('audit');
const out = [];
out.push('');
out.push(`security suite: ${((Date.now() - started) / 1000).toFixed(0)} s, results in ${resultsDir}`);
for (const r of isolation) out.push(`  isolation/${r.part}: ${r.tried} tried, ${r.leaked} leaked${r.note ? ` (${r.note})` : ''}`);
for (const l of isolation.flatMap((r) => r.leaks ?? []).slice(0, 20)) out.push(`    LEAK ${l}`);
for (const r of badInput) {
  out.push(`  bad input/${r.part}: ${r.cases} cases, ${r.serverErrors} server errors, ${r.writes} writes${r.note ? ` (${r.note})` : ''}`);
  for (const f of (r.failures ?? []).slice(0, 10)) out.push(`    FAIL ${f}`);
}
if (audit) {
  out.push(`  audit: ${audit.mutations} mutations, ${audit.complete} with exactly one complete audit record`);
  for (const f of audit.failures ?? []) out.push(`    FAIL ${f}`);
}
for (const s of faults) {
  if (s.skipped) out.push(`  fault skipped: ${s.name} — ${s.reason}`);
  else out.push(`  fault ${s.ok ? 'ok' : 'FAILED'}: ${s.name}${s.figures ? ` — ${s.figures}` : ''}${s.ok ? '' : ` — ${s.reason}`}`);
}
if (soak) for (const line of soak.lines ?? []) out.push(`  soak: ${line}`);

const tried = sum(isolation, 'tried');
const leaked = sum(isolation, 'leaked');
const cases = sum(badInput, 'cases');
const serverErrors = sum(badInput, 'serverErrors');
const writes = sum(badInput, 'writes');
const ran = faults.filter((s) => !s.skipped);
const failed = ran.filter((s) => !s.ok).length;
out.push(`isolation: ${tried} tried, ${leaked} leaked`);
out.push(`bad input: ${cases} cases, ${serverErrors} server errors, ${writes} writes`);
out.push(`faults: ${ran.length} scenarios, ${failed} failed`);
process.stdout.write(`${out.join('\n')}\n`);

const clean = leaked === 0 && serverErrors === 0 && writes === 0 && failed === 0;
process.exit(vitest.status !== 0 ? vitest.status ?? 1 : clean ? 0 : 1);
