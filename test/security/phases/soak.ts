import { describe, expect, it } from 'vitest';
import { tokenFor } from '../../support/client.js';
import { createTestTenant } from '../../support/tenants.js';
import { control, memoryAfterGc, rssBytes, security } from '../support/control.js';
import { connections } from '../support/db.js';
import { gqlRaw, sleep } from '../support/http.js';
import { closedLoop, openLoop, percentile, readMix, succeeded, throughput, type Outcome } from '../support/load.js';
import { report, writeResult } from '../support/results.js';
import { envNumber, getWorld, phaseEnabled } from '../support/world.js';

const median = (xs: number[]) => percentile(xs, 50);
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

/**
 * The soak: measure the maximum throughput of the generated read mix (closed loop, rising
 * concurrency), then run half of it for KN_SOAK_SECONDS (default 600) with a sequential lane of
 * audited writes beside it → no error, memory (RSS) of every process growing less than 10 %, and
 * no connection leaked (pg_stat_activity before and after).
 */
describe.skipIf(!phaseEnabled('soak'))('soak', () => {
  it('half the maximum throughput for the soak duration: 0 errors, memory growth < 10 %, no leaked connection', async () => {
    const w = await getWorld();
    const soakSeconds = envNumber('KN_SOAK_SECONDS', 600);
    const stepSeconds = envNumber('KN_MAXTP_SECONDS', 5);
    const lines: string[] = [];
    const say = (l: string) => {
      lines.push(l);
      report(`soak: ${l}`);
    };

    const { ops, dropped } = await readMix(w);
    expect(ops.length).toBeGreaterThan(0);

    // 1. maximum throughput: the best of closed loops at rising concurrency
    let best = { rps: 0, concurrency: 0, p95: 0 };
    const steps: string[] = [];
    for (const concurrency of [2, 4, 8, 16, 32]) {
      const run = closedLoop(w, ops, concurrency, { timeoutMs: 10_000 });
      await sleep(stepSeconds * 1000);
      const out = await run.stop();
      const rps = throughput(out, stepSeconds);
      const p95 = percentile(out.map((o) => o.ms), 95);
      steps.push(`${concurrency}→${rps.toFixed(0)}/s`);
      const errors = out.filter((o) => !o.ok);
      const sampleErrors = errors.slice(0, 3).map((e) => `${e.op} HTTP ${e.status} ${e.codes.join(',')} ${e.reply?.text.slice(0, 200) ?? ''}`).join(' | ');
      expect(errors.length, `errors while measuring at concurrency ${concurrency}: ${sampleErrors}`).toBe(0);
      if (rps > best.rps) best = { rps, concurrency, p95 };
    }
    const rate = best.rps / 2;
    say(`maximum throughput ${best.rps.toFixed(0)} req/s at concurrency ${best.concurrency} (p95 ${best.p95.toFixed(0)} ms; steps ${steps.join(', ')}; ${stepSeconds} s each) on a mix of ${ops.length} generated operations (${dropped.length} left out: they fail on a quiet platform too${dropped.length ? ` — ${[...new Set(dropped.map((d) => d.replace(/@[^:]*/, '')))].slice(0, 4).join('; ')}` : ''})`);

    // 2. the soak at half of it, with audited writes beside it
    const tenant = await createTestTenant('soak');
    const writer = await tokenFor(tenant, 'admin', { sub: `soak-writer:${tenant}` });
    const list = await gqlRaw(writer, `{ communes(first: 100) { nodes { id } } }`);
    const communes: string[] = list.body.data.communes.nodes.map((n: { id: string }) => n.id);
    await sleep(1000);
    const connBefore = await connections();
    const processes = (await control.services()).filter((s) => s.pid !== null);
    const samples = new Map<string, number[]>(processes.map((p) => [p.name, []]));
    const sample = () => {
      for (const p of processes) {
        const rss = rssBytes(p.pid!);
        if (rss !== null) samples.get(p.name)!.push(rss);
      }
    };
    sample();
    const heapBefore = new Map<string, number | null>();
    for (const p of processes) heapBefore.set(p.name, (await memoryAfterGc(p.url))?.heapUsed ?? null);
    const started = performance.now();
    const load = openLoop(w, ops, rate, { maxInFlight: 64, timeoutMs: 10_000 });
    const writes: Outcome[] = [];
    let writing = true;
    const writeLane = (async () => {
      let i = 0;
      const SET = `mutation($id: ID!, $c: [CommuneClassification!]!) { setCommuneClassifications(communeId: $id, classifications: $c) { id } }`;
      while (writing) {
        const at = performance.now();
        const id = communes[i % communes.length]!;
        const classes = Math.floor(i / communes.length) % 2 === 0 ? ['EXTREMELY_DIFFICULT'] : [];
        i++;
        try {
          const r = await gqlRaw(writer, SET, { id, c: classes }, { timeoutMs: 10_000 });
          writes.push({ op: 'write', at, ms: performance.now() - at, status: r.status, ok: succeeded(r), codes: [], reply: r });
        } catch {
          writes.push({ op: 'write', at, ms: performance.now() - at, status: 0, ok: false, codes: ['NETWORK'] });
        }
        await sleep(500);
      }
    })();
    const sampler = setInterval(sample, Math.max(1000, Math.min(10_000, (soakSeconds * 1000) / 60)));
    await sleep(soakSeconds * 1000);
    clearInterval(sampler);
    writing = false;
    const outcomes = await load.stop();
    await writeLane;
    const elapsed = (performance.now() - started) / 1000;
    sample();
    await sleep(2000);
    const connAfter = await connections();
    const heapAfter = new Map<string, number | null>();
    for (const p of processes) heapAfter.set(p.name, (await memoryAfterGc(p.url))?.heapUsed ?? null);

    const all = [...outcomes, ...writes];
    const errors = all.filter((o) => !o.ok);
    const lat = outcomes.map((o) => o.ms);
    say(
      `${elapsed.toFixed(0)} s at ${rate.toFixed(0)} req/s (half the maximum): ${outcomes.length} reads + ${writes.length} audited writes, ${errors.length} errors` +
        `${load.skipped() ? `, ${load.skipped()} requests not sent (64 already in flight)` : ''}; latency p50 ${median(lat).toFixed(0)} ms, p95 ${percentile(lat, 95).toFixed(0)} ms, p99 ${percentile(lat, 99).toFixed(0)} ms`,
    );
    const growth: [string, number, number, number][] = [];
    for (const [name, xs] of samples) {
      const k = Math.max(3, Math.floor(xs.length / 10));
      const start = median(xs.slice(0, k));
      const end = median(xs.slice(-k));
      growth.push([name, start, end, (end - start) / start]);
    }
    const heapGrowth: [string, number, number, number][] = [];
    for (const p of processes) {
      const a = heapBefore.get(p.name);
      const b = heapAfter.get(p.name);
      if (a && b) heapGrowth.push([p.name, a, b, (b - a) / a]);
    }
    const pct = (g: number) => `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)} %`;
    say(`memory — V8 heap after a full GC, before → after the soak: ${heapGrowth.map(([n, a, b, g]) => `${n} ${mb(a)} → ${mb(b)} MB (${pct(g)})`).join(', ') || 'not available'}`);
    // resident memory also counts heap pages V8 keeps reserved and the allocator's caches: its
    // course over the soak (median of each quarter) tells a plateau from a steady climb
    const quarters = (xs: number[]) => [0, 1, 2, 3].map((q) => median(xs.slice(Math.floor((q * xs.length) / 4), Math.max(Math.floor(((q + 1) * xs.length) / 4), Math.floor((q * xs.length) / 4) + 1))));
    say(
      `memory — resident (RSS), median of the first and last tenth of ${samples.values().next().value?.length ?? 0} samples: ` +
        growth.map(([n, a, b, g]) => `${n} ${mb(a)} → ${mb(b)} MB (${pct(g)}; by quarter ${quarters(samples.get(n)!).map(mb).join(' / ')})`).join(', '),
    );
    const apps = (c: Record<string, Record<string, number>>) => Object.entries(c).filter(([u]) => /^kn_.*_app$/.test(u));
    const total = (c: Record<string, Record<string, number>>) => apps(c).reduce((n, [, s]) => n + Object.values(s).reduce((a, b) => a + b, 0), 0);
    const busy = (c: Record<string, Record<string, number>>) => apps(c).reduce((n, [, s]) => n + (s['idle in transaction'] ?? 0) + (s['idle in transaction (aborted)'] ?? 0) + (s.active ?? 0), 0);
    const describeConn = (c: Record<string, Record<string, number>>) => apps(c).map(([u, s]) => `${u} ${Object.entries(s).map(([st, n]) => `${n} ${st}`).join(' + ')}`).join('; ') || 'none';
    say(`connections of the application roles (pg_stat_activity): before ${total(connBefore)} (${describeConn(connBefore)}), after ${total(connAfter)} (${describeConn(connAfter)}); busy after the load: ${busy(connAfter)}`);

    writeResult('soak', { lines, errors: errors.length, rssGrowth: growth, heapGrowth, connBefore, connAfter, rate, max: best });
    if (errors.length) report(`soak errors (first 5): ${errors.slice(0, 5).map((e) => `${e.op} HTTP ${e.status} ${e.codes.join(',')} ${e.reply?.text.slice(0, 120) ?? ''}`).join(' | ')}`);
    expect(errors.length).toBe(0);
    expect(heapGrowth.length, 'heap readings of every process').toBe(processes.length);
    for (const [name, , , g] of heapGrowth) expect(g, `heap growth of ${name}`).toBeLessThan(0.1);
    expect(busy(connAfter)).toBe(0);
    for (const [user, states] of apps(connAfter)) {
      expect(Object.values(states).reduce((a, b) => a + b, 0), `${user} connections`).toBeLessThanOrEqual(security().poolMax);
    }
    expect(total(connAfter)).toBeLessThanOrEqual(Math.max(total(connBefore), security().poolMax * apps(connAfter).length));
  });
});
