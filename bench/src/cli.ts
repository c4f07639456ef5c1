import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { gatewayEnv } from '@kn/devkit/platform';
import { signUserToken } from '@kn/devkit/tokens';
import { repoRoot } from '@kn/devkit/paths';
import { freePort } from '@kn/devkit/postgres';
import { SUBGRAPHS } from '@kn/devkit/subgraphs';
import type { JWK } from 'jose';
import { NATIONAL_SCALE, SMALL_SCALE } from './data/plan.js';
import { generateDataset } from './data/generator.js';
import { ENGINES, SHIPPED_BENCH_ENV, type EngineEnv } from './engines/index.js';
import { drive, sendOnce } from './load.js';
import { machineInfo } from './machine.js';
import { startDatabase, startSubgraphs } from './platform.js';
import type { Proc } from './procs.js';
import { spawnService } from './procs.js';
import { evaluateTargets, renderMarkdown, writeDocs } from './report.js';
import type { BenchResults, RunResult } from './results.js';
import { RssSampler, cpuMs, postmasterPid } from './rss.js';
import { timeDirectSql } from './direct-sql.js';
import { SCENARIOS } from './scenarios/index.js';
import type { BenchRequest, PreparedScenario, Scenario, ScenarioContext } from './scenarios/types.js';
import { summarize } from './stats.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const { values: args } = parseArgs({
  args: argv,
  options: {
    quick: { type: 'boolean', default: false },
    connections: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    engines: { type: 'string' },
    scenarios: { type: 'string' },
    seed: { type: 'string', default: 'kn-bench-1' },
    'scale-out': { type: 'boolean' },
    'no-scale-out': { type: 'boolean' },
    'write-docs': { type: 'boolean' },
    'cpu-prof': { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
    'small-dataset': { type: 'boolean', default: false },
    rounds: { type: 'string' },
    variant: { type: 'string', multiple: true },
    replay: { type: 'boolean' },
    'no-replay': { type: 'boolean' },
    'no-write-docs': { type: 'boolean' },
    tag: { type: 'string' },
    'data-only': { type: 'boolean', default: false },
  },
});

const quick = args.quick!;
const connections = Number(args.connections ?? process.env.BENCH_CONNECTIONS ?? 16);
const durationSec = Number(args.duration ?? (quick ? 5 : 15));
const warmupSec = Number(args.warmup ?? (quick ? 1 : 5));
const rounds = Math.max(1, Number(args.rounds ?? (quick ? 1 : 3)));
const engineNames = args.engines ? args.engines.split(',') : ENGINES.map((e) => e.name);
const scenarioNames = args.scenarios ? args.scenarios.split(',') : SCENARIOS.map((s) => s.name);
const scaleOut = args['no-scale-out'] ? false : (args['scale-out'] ?? !quick);
const replay = args['no-replay'] ? false : (args.replay ?? !quick);
const writeDocsToo = args['no-write-docs'] ? false : (args['write-docs'] ?? !quick);
const seed = args.seed!;
const root = repoRoot();
const log = (m: string) => console.log(`[bench] ${m}`);
if (args['cpu-prof']) process.env.BENCH_STOP_GRACE_MS ??= '20000';

const results: BenchResults = {
  startedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  command: `pnpm bench${quick ? ':quick' : ''}${argv.filter((a) => a !== '--quick').length ? ` ${argv.filter((a) => a !== '--quick').join(' ')}` : ''}`,
  machine: machineInfo(),
  config: { connections, durationSec, warmupSec, rounds, seed, engines: engineNames, scenarios: scenarioNames },
  scenarios: [],
  runs: [],
  sql: [],
  directSql: [],
  scaleOut: [],
  enginesAlone: [],
  targets: [],
  notes: [],
};

const stoppers: (() => Promise<void>)[] = [];
async function stopAll() {
  while (stoppers.length) await stoppers.pop()!().catch(() => {});
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

async function sqlCounts(subgraphUrls: Record<string, string>, requestId: string) {
  let statements = 0;
  let requests = 0;
  let plumbingWaited = 0;
  for (const url of Object.values(subgraphUrls)) {
    const res = await fetch(url.replace(/\/graphql$/, `/debug/sql/${encodeURIComponent(requestId)}`));
    const j = (await res.json()) as { statements: number; requests: number; plumbingWaited?: number };
    statements += j.statements;
    requests += j.requests;
    plumbingWaited += j.plumbingWaited ?? 0;
  }
  return { statements, requests, plumbingWaited };
}

async function main() {
  const t0 = performance.now();
  const platform = await startDatabase({ log });
  stoppers.push(() => platform.stop());
  results.machine.postgres = platform.postgresVersion;

  // --- data
  const tData = performance.now();
  const dataset = await generateDataset({ seed, scale: args['small-dataset'] ? SMALL_SCALE : NATIONAL_SCALE, layout: platform.layout, log });
  const counts: Record<string, number> = {};
  const registeredNow = new Set(SUBGRAPHS.map((s) => s.name));
  const countTables: (readonly [string, string])[] = [
    ['communes.tenant', 'true'],
    ['communes.admin_unit', "level = 'PROVINCE'"],
    ['communes.admin_unit', "level = 'DISTRICT'"],
    ['communes.admin_unit', "level = 'COMMUNE'"],
    ['communes.unit_succession', 'true'],
    ['communes.unit_classification', 'true'],
    ...(registeredNow.has('programs')
      ? (['program', 'indicator', 'target', 'task', 'funding_line', 'covered_commune'] as const).map((t) => [`programs.${t}`, 'true'] as const)
      : []),
    ...(registeredNow.has('sponsors')
      ? (['sponsor', 'twinning', 'cycle_deadline', 'needs_proposal', 'needs_item', 'yearly_plan', 'plan_item', 'contribution'] as const).map(
          (t) => [`sponsors.${t}`, 'true'] as const,
        )
      : []),
    ...(registeredNow.has('evaluations')
      ? (['criteria_set', 'rule_set', 'report_calendar_rule', 'report', 'commune_measurement', 'evaluation_run', 'sponsor_evaluation'] as const).map(
          (t) => [`evaluations.${t}`, 'true'] as const,
        )
      : []),
  ];
  for (const [table, where] of countTables) {
    const { rows } = await platform.db.query<{ n: string }>(`select count(*) as n from ${table} where ${where}`);
    counts[where === 'true' ? table : `${table} (${where.replace(/level = '(\w+)'/, '$1')})`] = Number(rows[0]!.n);
  }
  // VACUUM (ANALYZE), not only ANALYZE: after a bulk load it sets the hint bits and the visibility
  // map, so the first measured queries do not pay for them and index-only scans can skip the heap
  // (as autovacuum would have done on a database that grew over the years)
  const tAnalyze = performance.now();
  await platform.db.query('vacuum (analyze)');
  log(`VACUUM (ANALYZE) in ${((performance.now() - tAnalyze) / 1000).toFixed(1)} s`);
  results.dataset = { ...dataset, counts, seconds: (performance.now() - tData) / 1000 };
  log(`dataset ready in ${results.dataset.seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
  if (args['data-only']) return;

  // --- subgraphs and engines
  const profileDir = join(platform.dataDir, 'profiles');
  // with --cpu-prof the subgraphs are profiled too (one file per process, named by its pid)
  const subgraphs = await startSubgraphs(platform, { nodeArgs: args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined });
  stoppers.push(async () => void (await Promise.all(subgraphs.procs.map((p) => p.stop()))));
  log(`subgraphs: ${Object.entries(subgraphs.urls).map(([k, v]) => `${k} ${v}`).join(', ')}${args['cpu-prof'] ? ` (pids ${subgraphs.procs.map((p) => `${p.name} ${p.pid}`).join(', ')})` : ''}`);
  const engineEnv: EngineEnv = {
    issuerPublicJwk: platform.secrets.issuer.publicJwk,
    gatewayPrivateJwk: platform.secrets.gateway.privateJwk,
    subgraphUrls: subgraphs.urls,
    logDir: platform.logDir,
    nodeArgs: args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined,
  };
  const engines: { name: string; proc: Proc }[] = [];
  // --variant name:KEY=VALUE,KEY=VALUE — the shipped gateway again with other settings (experiments);
  // ENTRY=<path> runs another build of it (e.g. a copy of gateway/dist made before a change)
  const variants = new Map<string, Record<string, string>>();
  for (const v of args.variant ?? []) {
    const [vname, settings = ''] = v.split(/:(.*)/s) as [string, string?];
    variants.set(`shipped-${vname}`, Object.fromEntries(settings.split(',').filter(Boolean).map((kv) => kv.split(/=(.*)/s).slice(0, 2) as [string, string])));
    engineNames.push(`shipped-${vname}`);
  }
  for (const name of engineNames) {
    const extraEnv = variants.get(name);
    const engine = extraEnv ? ENGINES.find((e) => e.shipped) : ENGINES.find((e) => e.name === name);
    if (!engine) throw new Error(`unknown engine ${name}; known: ${ENGINES.map((e) => e.name).join(', ')}`);
    const { ENTRY: entry, ...variantEnv } = extraEnv ?? {};
    const proc = await engine.start(engineEnv, extraEnv ? { name: `gw-${name}`, extraEnv: variantEnv, port: await freePort(), entry: entry ? join(root, entry) : undefined } : undefined);
    engines.push({ name, proc });
    stoppers.push(() => proc.stop());
    log(`engine ${name}: ${proc.url} (pid ${proc.pid})`);
  }

  if (args.serve) {
    const national = await signUserToken(platform.secrets.issuer.privateJwk as JWK, { sub: 'bench:national', tenant: null, roles: ['national'] });
    log(`serving (Ctrl-C to stop). Subgraphs: ${JSON.stringify(subgraphs.urls)}`);
    for (const e of engines) log(`  ${e.name}: ${e.proc.url}`);
    log(`  national token: ${national}`);
    await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
    return;
  }

  // --- scenarios
  const tenantsRes = await platform.db.query<{ tenant_id: string }>('select tenant_id from communes.tenant order by tenant_id');
  const ctx: ScenarioContext = {
    db: platform.db,
    tenants: tenantsRes.rows.map((r) => r.tenant_id),
    seed,
    send: async (r) => (await sendOnce((engines.find((e) => e.name === 'shipped') ?? engines[0]!).proc.url, r)).body,
    asRole: async (subgraph, role, fn) => {
      const url = platform.layout.urls[subgraph]?.[role];
      if (!url) throw new Error(`no ${role} role for subgraph ${subgraph}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    },
    token: (tenant, role, o = {}) =>
      signUserToken(platform.secrets.issuer.privateJwk as JWK, {
        sub: o.sub ?? `bench:${tenant ?? 'national'}:${role}`,
        tenant,
        roles: [role],
        ...(o.sponsorId ? { scope: { sponsorId: o.sponsorId } } : {}),
      }),
  };
  const registered = new Set(SUBGRAPHS.map((s) => s.name));
  const toRun: { scenario: Scenario; prepared: PreparedScenario }[] = [];
  for (const s of SCENARIOS) {
    if (!scenarioNames.includes(s.name)) continue;
    const missing = s.needs.filter((n) => !registered.has(n));
    if (missing.length || !s.prepare) {
      const reason = missing.length ? `needs the ${missing.join(', ')} subgraph${missing.length > 1 ? 's' : ''} (not on this branch yet)` : `not written yet: ${s.todo}`;
      results.scenarios.push({ name: s.name, title: s.title, status: 'pending', needs: s.needs, reason });
      log(`scenario ${s.name}: pending — ${reason}`);
      continue;
    }
    const prepared = await s.prepare(ctx);
    results.scenarios.push({ name: s.name, title: s.title, status: 'run', needs: s.needs, describe: prepared.describe });
    toRun.push({ scenario: s, prepared });
  }

  const subgraphPids = Object.fromEntries(subgraphs.procs.map((p) => [p.name, p.pid]));
  const postgresPid = postmasterPid(join(platform.dataDir, 'pg'));
  for (const { scenario, prepared } of toRun) {
    log(`scenario ${scenario.name}: ${prepared.describe}`);
    const poolFor = (name: string) =>
      prepared.requestsFor?.({ name, shipped: name === 'shipped' || variants.has(name) }) ?? prepared.requests;
    for (const { name, proc } of engines) {
      // correctness first: a sample of the pool must answer without errors, and as the check expects
      const pool = poolFor(name);
      const sample = prepared.checkSample ?? 8;
      // the sample is sent twice: one request at a time, then all at once (answers shared between
      // concurrent requests — e.g. an engine's in-flight deduplication across tenants — show there)
      const picked = Array.from({ length: Math.min(sample, pool.length) }, (_, i) => pool[Math.floor((i * pool.length) / Math.min(sample, pool.length))]!);
      const judge = (r: BenchRequest, res: { status: number; body: any }) => {
        const problem = res.status !== 200 || res.body?.errors ? JSON.stringify(res.body).slice(0, 400) : prepared.check?.(res.body?.data, r);
        if (problem) throw new Error(`${scenario.name} on ${name}: ${problem}`);
      };
      for (const r of picked) judge(r, await sendOnce(proc.url, r));
      const together = await Promise.all(picked.map((r) => sendOnce(proc.url, r)));
      picked.forEach((r, i) => judge(r, together[i]!));
      // SQL statements at 10 and 1,000 rows
      for (const probe of prepared.sqlProbes ?? []) {
        const sizes: BenchResults['sql'][number]['sizes'] = [];
        for (const size of probe.sizes) {
          const send = async (r: BenchRequest) => (await sendOnce(proc.url, r)).body;
          try {
            const { request, rows } = await probe.build(size, send, { name, shipped: name === 'shipped' || variants.has(name) });
            // once uncounted first, so that both sizes are counted in the same state (caches warm,
            // e.g. the sponsors subgraph's per-tenant geography), as under the load
            await sendOnce(proc.url, request);
            const requestId = `bench-sql-${scenario.name}-${name}-${size}-${Date.now()}`;
            const res = await sendOnce(proc.url, request, { 'x-request-id': requestId });
            if (res.body?.errors) throw new Error(JSON.stringify(res.body.errors).slice(0, 300));
            const c = await sqlCounts(subgraphs.urls, requestId);
            sizes.push({ size, rows: rows(res.body?.data), statements: c.statements, subgraphRequests: c.requests, plumbingWaited: c.plumbingWaited });
          } catch (e) {
            sizes.push({ size, rows: 0, statements: 0, subgraphRequests: 0, error: e instanceof Error ? e.message : String(e) });
          }
        }
        const ok = sizes.every((z) => !z.error);
        results.sql.push({
          scenario: scenario.name,
          engine: name,
          describe: probe.describe,
          informational: probe.informational,
          sizes,
          constant: ok && sizes.every((z) => z.statements === sizes[0]!.statements),
        });
        log(`  ${name} SQL (${probe.describe}): ${sizes.map((z) => (z.error ? `error ${z.error}` : `${z.statements} statements / ${z.subgraphRequests} subgraph requests (${z.plumbingWaited ?? '?'} round trips of transaction plumbing waited for) @ ${z.rows} rows`)).join('; ')}`);
      }
    }
    // load: `rounds` rounds, engines in turn (reversed every other round, so no engine always
    // follows the same one); the run with the median req/s of each engine is reported
    const perEngine = new Map<string, RunResult[]>();
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? engines : [...engines].reverse();
      for (const { name, proc } of order) {
        const pool = poolFor(name);
        if (warmupSec > 0) await drive({ url: proc.url, requests: pool, connections, durationSec: warmupSec });
        const groups: Record<string, number> = { gateway: proc.pid, ...subgraphPids };
        // CPU is counted for PostgreSQL too (the postmaster and its backends): the whole stack but the load generator
        const cpuGroups: Record<string, number> = { ...groups, ...(postgresPid ? { postgres: postgresPid } : {}) };
        const cpuBefore = Object.fromEntries(Object.entries(cpuGroups).map(([k, pid]) => [k, cpuMs(pid)]));
        const sampler = new RssSampler(groups).start();
        const r = await drive({ url: proc.url, requests: pool, connections, durationSec });
        const cpuPerRequest = Object.fromEntries(
          Object.entries(cpuGroups).map(([k, pid]) => [k, Math.round(((cpuMs(pid) - cpuBefore[k]!) / Math.max(1, r.requests)) * 1000) / 1000]),
        );
        const wholeStack = Math.round(Object.values(cpuPerRequest).reduce((a, b) => a + b, 0) * 1000) / 1000;
        const run: RunResult = {
          scenario: scenario.name,
          engine: name,
          rps: r.rps,
          requests: r.requests,
          durationSec: r.durationSec,
          latency: r.latency,
          errors: { non2xx: r.non2xx, graphql: r.graphqlErrors, transport: r.transportErrors, first: r.firstError },
          peakRssMb: sampler.stop(),
          cpuMsPerRequest: cpuPerRequest,
          wholeStackCpuMsPerRequest: wholeStack,
        };
        perEngine.set(name, [...(perEngine.get(name) ?? []), run]);
        log(
          `  ${rounds > 1 ? `round ${round + 1} ` : ''}${name.padEnd(15)} ${run.rps.toFixed(0).padStart(6)} req/s  p50 ${run.latency.p50.toFixed(2)}  p95 ${run.latency.p95.toFixed(2)}  p99 ${run.latency.p99.toFixed(2)} ms  ` +
            `errors ${r.non2xx + r.graphqlErrors + r.transportErrors}${r.firstError ? ` (${r.firstError.slice(0, 120)})` : ''}  RSS ${JSON.stringify(run.peakRssMb)}  CPU ms/req ${JSON.stringify(run.cpuMsPerRequest)}  whole-stack CPU ms/req ${wholeStack}`,
        );
      }
    }
    for (const { name } of engines) {
      const runs = [...perEngine.get(name)!].sort((x, y) => x.rps - y.rps);
      const median = runs[Math.floor((runs.length - 1) / 2)]!;
      results.runs.push(rounds > 1 ? { ...median, rounds: runs.map((x) => ({ rps: x.rps, p95: x.latency.p95, cpuMsPerRequest: x.cpuMsPerRequest })) } : median);
    }
    // the direct SQL (the floor), when the scenario has one
    if (prepared.directSql?.length) {
      const timing = await timeDirectSql(prepared.directSql, (sg, role) => platform.layout.urls[sg]![role], { runs: quick ? 30 : 100, warmup: 3 });
      const shippedRun = results.runs.find((x) => x.scenario === scenario.name && x.engine === 'shipped');
      const e2e = shippedRun?.latency.p50 ?? null;
      // the same requests one at a time (no queueing): what the stack adds to the SQL per request
      const shippedProc = engines.find((e) => e.name === 'shipped')?.proc;
      let serial: ReturnType<typeof summarize> | null = null;
      if (shippedProc) {
        const pool = poolFor('shipped');
        const times: number[] = [];
        for (let i = 0; i < timing.runs + 3; i++) {
          const t1 = performance.now();
          const res = await sendOnce(shippedProc.url, pool[i % pool.length]!);
          if (res.status !== 200 || res.body?.errors) throw new Error(`${scenario.name}: ${JSON.stringify(res.body).slice(0, 300)}`);
          if (i >= 3) times.push(performance.now() - t1);
        }
        serial = summarize(times);
      }
      results.directSql.push({
        scenario: scenario.name,
        sqlP50Ms: timing.latency.p50,
        sqlP95Ms: timing.latency.p95,
        e2eP50Ms: e2e,
        e2eP95Ms: shippedRun?.latency.p95 ?? null,
        ratio: e2e != null ? e2e / timing.latency.p50 : null,
        runs: timing.runs,
        groups: timing.groups,
        role: [...new Set(prepared.directSql.map((d) => `${d.subgraph} ${d.role ?? 'app'}`))].join(', '),
        perGroupP50Ms: timing.perGroupP50,
        e2eSerialP50Ms: serial?.p50 ?? null,
        serialRatio: serial ? serial.p50 / timing.latency.p50 : null,
      });
      log(
        `  direct SQL: p50 ${timing.latency.p50.toFixed(2)} ms, p95 ${timing.latency.p95.toFixed(2)} ms over ${timing.runs} runs × ${timing.groups} groups; ` +
          `end-to-end p50 ${e2e?.toFixed(2) ?? '–'} ms (shipped, ${connections} clients) → ${e2e != null ? (e2e / timing.latency.p50).toFixed(2) : '–'}×; ` +
          `one request at a time p50 ${serial?.p50.toFixed(2) ?? '–'} ms → ${serial ? (serial.p50 / timing.latency.p50).toFixed(2) : '–'}×`,
      );
    }
    if (prepared.finish) await prepared.finish();
  }

  // --- the engines alone: each subgraph replaced by a replaying stand-in (engines/replay.ts), so
  // that subgraph and database cost almost nothing and the gateway is what the load measures
  if (replay && toRun.length) {
    const replayEntry = fileURLToPath(new URL('./engines/replay.js', import.meta.url));
    const stand: Proc[] = [];
    const replayUrls: Record<string, string> = {};
    for (const [name, url] of Object.entries(subgraphs.urls)) {
      const p = await spawnService({ name: `replay-${name}`, entry: replayEntry, logDir: platform.logDir, env: { UPSTREAM: url, PORT: '0' } });
      stand.push(p);
      replayUrls[name] = p.url;
    }
    const replayEngines: { name: string; proc: Proc }[] = [];
    try {
      for (const { name } of engines) {
        const engine = ENGINES.find((e) => e.name === name) ?? ENGINES.find((e) => e.shipped)!;
        const extraEnv = variants.get(name);
        const { ENTRY: entry, ...variantEnv } = extraEnv ?? {};
        replayEngines.push({
          name,
          proc: await engine.start(
            { ...engineEnv, subgraphUrls: replayUrls },
            { name: `gw-replay-${name}`, port: await freePort(), extraEnv: variantEnv, entry: entry ? join(root, entry) : undefined },
          ),
        });
      }
      const standPids = Object.fromEntries(stand.map((p) => [p.name, p.pid]));
      for (const { scenario, prepared } of toRun) {
        if (prepared.requestsFor || prepared.requests.some((r) => r.bodyFor)) {
          // every request is new (a write with its own idempotency key): nothing to replay
          log(`engines alone: ${scenario.name} skipped (its requests are new every time, which a replaying stand-in cannot answer)`);
          continue;
        }
        log(`engines alone (replayed subgraphs): ${scenario.name}`);
        for (const { name, proc } of replayEngines) {
          // fill the replay caches with every request of the pool through THIS engine (engines word
          // their subgraph requests differently, so one engine's fill leaves another's uncached),
          // 16 at a time
          const queue = [...prepared.requests];
          await Promise.all(Array.from({ length: 16 }, async () => {
            for (let r = queue.shift(); r; r = queue.shift()) await sendOnce(proc.url, r);
          }));
          if (warmupSec > 0) await drive({ url: proc.url, requests: prepared.requests, connections, durationSec: warmupSec });
          const groups: Record<string, number> = { gateway: proc.pid, ...standPids };
          const cpuBefore = Object.fromEntries(Object.entries(groups).map(([k, pid]) => [k, cpuMs(pid)]));
          const sampler = new RssSampler(groups).start();
          const r = await drive({ url: proc.url, requests: prepared.requests, connections, durationSec });
          const cpu = Object.fromEntries(Object.entries(groups).map(([k, pid]) => [k, Math.round(((cpuMs(pid) - cpuBefore[k]!) / Math.max(1, r.requests)) * 1000) / 1000]));
          results.enginesAlone.push({
            scenario: scenario.name,
            engine: name,
            rps: r.rps,
            requests: r.requests,
            durationSec: r.durationSec,
            latency: r.latency,
            errors: { non2xx: r.non2xx, graphql: r.graphqlErrors, transport: r.transportErrors, first: r.firstError },
            peakRssMb: sampler.stop(),
            cpuMsPerRequest: cpu,
          });
          log(`  ${name.padEnd(15)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50.toFixed(2)}  p95 ${r.latency.p95.toFixed(2)} ms  errors ${r.non2xx + r.graphqlErrors + r.transportErrors}${r.firstError ? ` (${r.firstError.slice(0, 160)})` : ''}  CPU ms/req ${JSON.stringify(cpu)}`);
        }
      }
    } finally {
      await Promise.all([...replayEngines.map((e) => e.proc.stop()), ...stand.map((p) => p.stop())]);
    }
  }

  // --- scale-out: several gateway and subgraph processes behind Node's cluster module
  if (scaleOut && toRun.length) {
    const pick = toRun.find((t) => t.scenario.name === 'commune-page') ?? toRun[0]!;
    const clusterEntry = fileURLToPath(new URL('./scaleout/cluster.js', import.meta.url));
    const shipped = ENGINES.find((e) => e.shipped)!;
    const configs = [
      { config: '1 gateway process, 1 communes process', gateways: 1, subgraphs: 1 },
      { config: '2 gateway processes (cluster), 1 communes process', gateways: 2, subgraphs: 1 },
      { config: '2 gateway processes (cluster), 2 communes processes (cluster)', gateways: 2, subgraphs: 2 },
    ];
    // a second set of subgraphs, each in a 2-worker cluster
    const ports: Record<string, number> = {};
    for (const s of SUBGRAPHS) ports[s.name] = await freePort();
    const clustered = await startSubgraphs(platform, {
      wrap: (name, entry) => ({ entry: clusterEntry, env: { CLUSTER_ENTRY: entry, CLUSTER_WORKERS: '2', PORT: String(ports[name]) }, readyText: 'cluster listening' }),
    });
    for (const c of configs) {
      log(`scale-out: ${c.config}`);
      const sg = c.subgraphs === 1 ? subgraphs : clustered;
      const stopList: Proc[] = [];
      let gw: Proc;
      if (c.gateways === 1) {
        gw = await shipped.start({ ...engineEnv, subgraphUrls: sg.urls, nodeArgs: undefined }, { name: `gw-scale-${c.gateways}-${c.subgraphs}` });
      } else {
        const port = await freePort();
        gw = await spawnService({
          name: `gw-scale-${c.gateways}-${c.subgraphs}`,
          entry: clusterEntry,
          readyText: 'cluster listening',
          logDir: platform.logDir,
          env: {
            ...gatewayEnv(engineEnv.issuerPublicJwk, engineEnv.gatewayPrivateJwk, sg.urls),
            ...SHIPPED_BENCH_ENV,
            PORT: String(port),
            CLUSTER_ENTRY: createRequire(import.meta.url).resolve('@kn/gateway'),
            CLUSTER_WORKERS: String(c.gateways),
          },
        });
      }
      stopList.push(gw);
      try {
        if (warmupSec > 0) await drive({ url: gw.url, requests: pick.prepared.requests, connections, durationSec: warmupSec });
        const sampler = new RssSampler({ gateway: gw.pid, ...Object.fromEntries(sg.procs.map((p) => [p.name, p.pid])) }).start();
        const r = await drive({ url: gw.url, requests: pick.prepared.requests, connections, durationSec });
        const rss = sampler.stop();
        results.scaleOut.push({ config: c.config, gateways: c.gateways, subgraphProcesses: c.subgraphs, scenario: pick.scenario.name, rps: r.rps, latency: r.latency, errors: r.non2xx + r.graphqlErrors + r.transportErrors, peakRssMb: rss });
        log(`  ${r.rps.toFixed(0)} req/s  p50 ${r.latency.p50.toFixed(2)}  p95 ${r.latency.p95.toFixed(2)}  p99 ${r.latency.p99.toFixed(2)} ms  errors ${r.non2xx + r.graphqlErrors + r.transportErrors}${r.firstError ? ` (${r.firstError.slice(0, 200)})` : ''}`);
      } finally {
        await Promise.all(stopList.map((p) => p.stop()));
      }
    }
    await Promise.all(clustered.procs.map((p) => p.stop()));
  }

  results.targets = evaluateTargets(results);
  results.finishedAt = new Date().toISOString();
  results.notes.push(
    'Load generator, gateways, subgraphs and PostgreSQL share the same CPUs: the figures are for the whole stack on one machine, not for a gateway alone.',
    `Shipped gateway run with every plugin on; for the load only, RATE_LIMIT_PER_TOKEN=${SHIPPED_BENCH_ENV.RATE_LIMIT_PER_TOKEN}, RATE_LIMIT_PER_API_KEY=${SHIPPED_BENCH_ENV.RATE_LIMIT_PER_API_KEY} and LIMIT_MAX_COST=${SHIPPED_BENCH_ENV.LIMIT_MAX_COST} (the plugins still run on every request).`,
    'Baselines (hive-rust-bare, hive-js-bare, apollo-gateway) verify and re-sign the user token once per token and reuse the internal token (see bench/src/engines/identity.ts).',
  );
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  // --- output
  const md = renderMarkdown(results);
  console.log(`\n${md}\n`);
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  const file = join(dir, `${stamp}${quick ? '-quick' : ''}${args.tag ? `-${args.tag}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${relative(root, file)}`);
  if (writeDocsToo) {
    writeDocs(join(root, 'docs', 'BENCHMARKS.md'), results, relative(root, file));
    log('docs/BENCHMARKS.md updated');
  }
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
