import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults, RunResult, TargetResult } from './results.js';
import { ratio } from './stats.js';
import { SCENARIOS } from './scenarios/index.js';

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '–');
const num = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
const x = (v: number | null) => (v == null ? '–' : `${v.toFixed(2)}×`);

function mdTable(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const find = (r: BenchResults, scenario: string, engine: string) => r.runs.find((x) => x.scenario === scenario && x.engine === engine);

/** Every target of issue 7 that the run can judge, met or not. */
export function evaluateTargets(r: BenchResults): TargetResult[] {
  const out: TargetResult[] = [];
  for (const s of SCENARIOS) {
    const ran = r.scenarios.find((x) => x.name === s.name)?.status === 'run';
    const shipped = find(r, s.name, 'shipped');
    if (s.targets?.p95Ms != null) {
      out.push(
        ran && shipped
          ? { scenario: s.name, target: `p95 ≤ ${s.targets.p95Ms} ms (shipped, ${r.config.connections} clients)`, value: `${ms(shipped.latency.p95)} ms`, met: shipped.latency.p95 <= s.targets.p95Ms }
          : { scenario: s.name, target: `p95 ≤ ${s.targets.p95Ms} ms`, value: '–', met: null, note: ran ? 'shipped engine not run' : `pending: needs ${s.needs.join(', ')}` },
      );
    }
    if (s.targets?.maxRatioToSql != null) {
      const d = r.directSql.find((x) => x.scenario === s.name);
      out.push({
        scenario: s.name,
        target: `end-to-end ≤ ${s.targets.maxRatioToSql}× its SQL`,
        value: d?.ratio != null ? x(d.ratio) : '–',
        met: d?.ratio != null ? d.ratio <= s.targets.maxRatioToSql : null,
        note: d ? undefined : ran ? 'no direct SQL written for this scenario yet' : `pending: needs ${s.needs.join(', ')}`,
      });
    }
    if (!ran) continue;
    const apollo = find(r, s.name, 'apollo-gateway');
    const bare = find(r, s.name, 'hive-rust-bare');
    const vsApollo = ratio(shipped?.rps, apollo?.rps);
    const vsBare = ratio(shipped?.rps, bare?.rps);
    const note = s.comparisonNote;
    out.push({ scenario: s.name, target: 'shipped ≥ 3× stock @apollo/gateway (req/s, whole stack)', value: x(vsApollo), met: vsApollo == null ? null : vsApollo >= 3, note });
    out.push({ scenario: s.name, target: 'shipped ≥ 0.8× its bare engine (req/s, whole stack)', value: x(vsBare), met: vsBare == null ? null : vsBare >= 0.8, note });
    const alone = (e: string) => r.enginesAlone?.find((a) => a.scenario === s.name && a.engine === e)?.rps;
    if (alone('shipped') != null) {
      const aApollo = ratio(alone('shipped'), alone('apollo-gateway'));
      const aBare = ratio(alone('shipped'), alone('hive-rust-bare'));
      out.push({ scenario: s.name, target: 'shipped ≥ 3× stock @apollo/gateway (req/s, engines alone)', value: x(aApollo), met: aApollo == null ? null : aApollo >= 3 });
      out.push({ scenario: s.name, target: 'shipped ≥ 0.8× its bare engine (req/s, engines alone)', value: x(aBare), met: aBare == null ? null : aBare >= 0.8 });
    }
    for (const probe of r.sql.filter((p) => p.scenario === s.name && p.engine === 'shipped')) {
      out.push({
        scenario: s.name,
        target: `SQL statements do not grow with result size — ${probe.describe}`,
        value: probe.sizes.map((z) => (z.error ? `error @ ${z.size}` : `${z.statements} @ ${z.rows} rows`)).join(', '),
        met: probe.informational ? null : probe.constant,
        note: probe.informational ? `shown, not judged: ${probe.informational}` : undefined,
      });
    }
  }
  return out;
}

function rssCell(run: RunResult | undefined, key: string) {
  const v = run?.peakRssMb[key];
  return v == null ? '–' : String(v);
}

function cpuCell(run: RunResult | undefined, key: string) {
  const v = run?.cpuMsPerRequest?.[key];
  return v == null ? '–' : v.toFixed(2);
}

/** The results as Markdown (the table printed at the end of a run and kept in docs/BENCHMARKS.md). */
export function renderMarkdown(r: BenchResults): string {
  const subgraphKeys = [...new Set(r.runs.flatMap((x) => Object.keys(x.peakRssMb)).filter((k) => k !== 'gateway'))];
  const parts: string[] = [];
  const m = r.machine;
  parts.push(
    `Run of ${r.startedAt} (${r.mode}): \`${r.command}\`. Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memTotalGiB} GiB, ` +
      `Linux ${m.kernel}, Node ${m.node}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}; load average at start ${m.loadAverageAtStart.join(' / ')}. ` +
      `${r.config.connections} concurrent clients (autocannon, keep-alive, in the harness process on the same machine), ` +
      `${r.config.warmupSec} s warm-up then ${r.config.durationSec} s measured per run; ` +
      `${r.config.rounds > 1 ? `${r.config.rounds} rounds with the engines in turn (reversed every other round), the run with the median req/s shown; ` : ''}seed \`${r.config.seed}\`.`,
  );
  if (r.dataset) {
    parts.push(
      `Dataset: ${r.dataset.tenants} tenants; ${Object.entries(r.dataset.counts).map(([k, v]) => `${k} ${num(v)}`).join(', ')} ` +
        `(generated/verified in ${r.dataset.seconds.toFixed(1)} s).`,
    );
  }
  parts.push('### Throughput and latency\n');
  parts.push(
    mdTable(
      ['scenario', 'engine', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak RSS gateway MB', ...subgraphKeys.map((k) => `peak RSS ${k} MB`), 'CPU ms/req gateway', ...subgraphKeys.map((k) => `CPU ms/req ${k}`), 'CPU ms/req PostgreSQL', 'whole-stack CPU ms/req', 'SQL stmts (one list, @10 / @500 rows)'],
      r.runs.map((run) => {
        const probe = r.sql.find((p) => p.scenario === run.scenario && p.engine === run.engine && !p.informational);
        const errors = run.errors.non2xx + run.errors.graphql + run.errors.transport;
        return [
          run.scenario,
          run.engine,
          num(run.rps),
          ms(run.latency.p50),
          ms(run.latency.p95),
          ms(run.latency.p99),
          errors,
          rssCell(run, 'gateway'),
          ...subgraphKeys.map((k) => rssCell(run, k)),
          cpuCell(run, 'gateway'),
          ...subgraphKeys.map((k) => cpuCell(run, k)),
          cpuCell(run, 'postgres'),
          run.wholeStackCpuMsPerRequest != null ? run.wholeStackCpuMsPerRequest.toFixed(2) : '–',
          probe ? probe.sizes.map((z) => (z.error ? 'error' : `${z.statements}`)).join(' / ') : '–',
        ];
      }),
    ),
  );
  const scen = [...new Set(r.runs.map((x) => x.scenario))];
  parts.push('\n### Engines side by side (ratios; above 1 means the first is faster or cheaper)\n');
  parts.push(
    mdTable(
      ['scenario', 'measure', 'shipped / apollo-gateway', 'shipped / hive-rust-bare', 'hive-rust-bare / hive-js-bare', 'hive-rust-bare / apollo-gateway', 'hive-js-bare / apollo-gateway'],
      scen.flatMap((s) => {
        const rps = (e: string) => find(r, s, e)?.rps;
        // CPU: the inverse ratio, so that > 1 means "cheaper per request" like req/s means "faster"
        const cpu = (e: string) => {
          const v = find(r, s, e)?.cpuMsPerRequest?.gateway;
          return v ? 1 / v : undefined;
        };
        return [rps, cpu].map((f, i) => [
          s,
          i === 0 ? 'req/s, whole stack' : 'gateway CPU per request (inverse)',
          x(ratio(f('shipped'), f('apollo-gateway'))),
          x(ratio(f('shipped'), f('hive-rust-bare'))),
          x(ratio(f('hive-rust-bare'), f('hive-js-bare'))),
          x(ratio(f('hive-rust-bare'), f('apollo-gateway'))),
          x(ratio(f('hive-js-bare'), f('apollo-gateway'))),
        ]);
      }),
    ),
  );
  if (r.enginesAlone?.length) {
    parts.push('\n### The engines alone (subgraphs replaced by a replaying stand-in)\n');
    parts.push(
      'Each subgraph is replaced by `bench/src/engines/replay.ts`, which answers a request body it has seen from memory, so the subgraph and the database cost almost nothing and the load measures the gateway (and the load generator, on the same cores).\n',
    );
    const alone = (sc: string, e: string) => r.enginesAlone.find((a) => a.scenario === sc && a.engine === e);
    parts.push(
      mdTable(
        ['scenario', 'engine', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak RSS gateway MB', 'CPU ms/req gateway', 'req/s vs apollo-gateway'],
        r.enginesAlone.map((a) => [
          a.scenario,
          a.engine,
          num(a.rps),
          ms(a.latency.p50),
          ms(a.latency.p95),
          ms(a.latency.p99),
          a.errors.non2xx + a.errors.graphql + a.errors.transport,
          rssCell(a, 'gateway'),
          cpuCell(a, 'gateway'),
          x(ratio(a.rps, alone(a.scenario, 'apollo-gateway')?.rps)),
        ]),
      ),
    );
  }
  if (r.sql.length) {
    parts.push('\n### SQL statements per operation\n');
    parts.push(
      mdTable(
        ['scenario', 'engine', 'what is listed', 'rows returned', 'SQL statements', 'subgraph requests', 'constant'],
        r.sql.flatMap((p) =>
          p.sizes.map((z) => [p.scenario, p.engine, p.describe, z.rows, z.error ? `error: ${z.error}` : z.statements, z.subgraphRequests, p.constant ? 'yes' : p.informational ? 'no (shown only)' : '**NO**']),
        ),
      ),
    );
  }
  if (r.directSql.length) {
    parts.push('\n### The limit: end-to-end against the hand-written SQL\n');
    parts.push(
      'The SQL that computes the same figures, run directly (no gateway, no subgraph) as the named role with the tenant set, ' +
        'over the same tenants as the request pool; end-to-end is the shipped gateway under the scenario\'s load (16 clients), ' +
        'the SQL one statement at a time, so that ratio also holds the queueing of 16 clients on 2 cores; the last columns send the ' +
        'same requests one at a time (what gateway, subgraph and their SQL add to the hand-written SQL, without queueing). ' +
        'The dashboard target (≤ 3×) is judged on the first ratio.\n',
    );
    parts.push(
      mdTable(
        ['scenario', 'SQL p50 ms', 'SQL p95 ms', 'runs × groups', 'run as', 'end-to-end p50 ms (16 clients)', 'p50 / SQL p50', 'end-to-end p50 ms (one at a time)', 'p50 / SQL p50'],
        r.directSql.map((d) => [
          d.scenario, ms(d.sqlP50Ms), d.sqlP95Ms != null ? ms(d.sqlP95Ms) : '–', d.runs != null ? `${d.runs} × ${d.groups}` : '–', d.role ?? '–',
          d.e2eP50Ms != null ? ms(d.e2eP50Ms) : '–', x(d.ratio), d.e2eSerialP50Ms != null ? ms(d.e2eSerialP50Ms) : '–', x(d.serialRatio ?? null),
        ]),
      ),
    );
  }
  if (r.scaleOut.length) {
    parts.push('\n### Scale-out on this machine (shipped gateway)\n');
    parts.push(
      mdTable(
        ['configuration', 'scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak RSS MB (all processes of each tier)'],
        r.scaleOut.map((s) => [s.config, s.scenario, num(s.rps), ms(s.latency.p50), ms(s.latency.p95), ms(s.latency.p99), s.errors, Object.entries(s.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')]),
      ),
    );
  }
  parts.push('\n### Targets of issue 7\n');
  parts.push(
    mdTable(
      ['scenario', 'target', 'measured', 'met'],
      r.targets.map((t) => [t.scenario, t.target, t.value, `${t.met == null ? 'not judged' : t.met ? 'yes' : '**no**'}${t.note ? ` (${t.note})` : ''}`]),
    ),
  );
  const pending = r.scenarios.filter((s) => s.status === 'pending');
  if (pending.length) {
    parts.push('\n### Scenarios not run yet\n');
    parts.push(pending.map((s) => `- \`${s.name}\` — ${s.title}: ${s.reason}`).join('\n'));
  }
  if (r.notes.length) parts.push(`\n### Notes\n\n${r.notes.map((n) => `- ${n}`).join('\n')}`);
  return parts.join('\n\n').replace(/\n{3,}/g, '\n\n');
}

const BEGIN = '<!-- bench:results:begin (written by `pnpm bench`; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of docs/BENCHMARKS.md with these results. */
export function writeDocs(file: string, r: BenchResults, resultFile: string): void {
  const body = `${BEGIN}\n\n_Source: \`${resultFile}\`._\n\n${renderMarkdown(r)}\n\n${END}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next = start >= 0 && end > start ? `${text.slice(0, start)}${body}${text.slice(end + END.length)}` : `${text.trimEnd()}\n\n${body}\n`;
  writeFileSync(file, next);
}
