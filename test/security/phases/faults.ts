import { randomUUID } from 'node:crypto';
import { isNonNullType, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform, tokenFor } from '../../support/client.js';
import { createTestTenant } from '../../support/tenants.js';
import { BATCH_WRITE_SCENARIOS, IDEMPOTENT_WRITE, MUTATION_FIXTURES } from '../fixtures.js';
import { control } from '../support/control.js';
import { withAdmin } from '../support/db.js';
import { errorsOf, gqlRaw, send, sleep, uploadFile } from '../support/http.js';
import { closedLoop, fire, succeeded, type LoadOp, type Outcome } from '../support/load.js';
import { report, writeResult } from '../support/results.js';
import { requiredArgs, rootFields, selection } from '../support/schema.js';
import { fillerOf } from '../support/harvest.js';
import { getWorld, phaseEnabled, TENANTS, type World } from '../support/world.js';
import { SUITE_UPSTREAM_TIMEOUT_MS } from '../support/settings.js';

interface ScenarioResult {
  name: string;
  ok: boolean;
  skipped?: boolean;
  reason?: string;
  figures?: string;
}

const RECOVERY_LIMIT_MS = 5_000;
const DB_RECOVERY_LIMIT_MS = 10_000;

/** Fails a scenario with a readable reason. */
function check(cond: boolean, reason: string): asserts cond {
  if (!cond) throw new Error(reason);
}

const codesIn = (outcomes: Outcome[]) => {
  const counts = new Map<string, number>();
  for (const o of outcomes) for (const c of o.codes.length ? o.codes : ['ok']) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${c} ×${n}`).join(', ');
};

describe.skipIf(!phaseEnabled('faults'))('faults', () => {
  let w: World;
  const results: ScenarioResult[] = [];
  afterAll(() => {
    writeResult('faults-scenarios', { scenarios: results });
  });

  beforeAll(async () => {
    w = await getWorld();
  });

  /** Runs one scenario, records it, and leaves every process running again whatever happened. */
  function scenario(name: string, fn: () => Promise<string>) {
    it(name, async () => {
      try {
        const figures = await fn();
        results.push({ name, ok: true, figures });
        report(`fault ok: ${name} — ${figures}`);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        results.push({ name, ok: false, reason });
        report(`fault FAILED: ${name} — ${reason}`);
        throw e;
      } finally {
        await heal();
      }
    });
  }

  async function heal() {
    if ((await control.postgresPid()).pid === null) await control.resumePostgres();
    const replica = await control.replicaPid();
    if (replica.exists && replica.pid === null) await control.resumeReplica();
    for (const s of await control.services()) if (!s.running) await control.restart(s.name);
  }

  /** The role the fault scenarios' load runs as (both tenants). */
  const LOAD_ROLE = 'analyst' as const;

  /**
   * Arg-free root query fields a subgraph owns, as `alias: field { … }` parts selecting only what
   * that subgraph resolves itself, at most two — only those that succeed for LOAD_ROLE of every
   * tenant on a quiet platform (a field the role may not
   * read, e.g. `apiKeys`, would make "every answer before the fault is ok" fail for nothing).
   */
  async function partsOf(subgraph: string, alias: string, opts: { nullableOnly?: boolean } = {}): Promise<string[]> {
    const sg = w.subgraphs.find((s) => s.name === subgraph)!;
    const owned = new Set(rootFields(sg.schema, 'query').map((f) => f.name));
    const fill = fillerOf(w.tenants[TENANTS[0]]!.store, TENANTS[0]);
    const candidates = rootFields(w.schema, 'query').filter((f) =>
      opts.nullableOnly
        ? owned.has(f.name) && !isNonNullType(f.type)
        : owned.has(f.name) && f.args.every((a) => !isNonNullType(a.type)) && !f.args.some((a) => /^(id|code)$/.test(a.name)),
    );
    const out: string[] = [];
    const refused: string[] = [];
    for (const f of candidates as GraphQLField<unknown, unknown>[]) {
      if (out.length === 2) break;
      // required arguments (an id) with the first tenant's values, written inline
      const args = Object.entries(requiredArgs(w.schema, f, fill)).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
      if (f.args.some((a) => a.name === 'first')) args.push('first: 5');
      // only what the subgraph resolves by itself: a field of another subgraph inside it (a programme's
      // covered communes' names) is rightly null while that one is down, and nulls its parents
      const part = `${alias}${out.length}: ${f.name}${args.length ? `(${args.join(', ')})` : ''} ${selection(w.schema, f.type, { depth: 1, first: 5, only: sg.schema })}`;
      const probes = await Promise.all(TENANTS.map((t) => fire(w, { name: f.name, query: `query { ${part} }`, variables: {}, who: w.who(t, LOAD_ROLE) })));
      if (probes.every((p) => p.ok)) out.push(part);
      else refused.push(`${f.name} (${[...new Set(probes.flatMap((p) => p.codes))].join(',')})`);
    }
    if (refused.length) report(`fault load: ${subgraph} fields left out for ${LOAD_ROLE} (they fail on a quiet platform too): ${refused.join(', ')}`);
    return out;
  }

  for (const name of Object.keys(platform().subgraphUrls)) {
    scenario(`subgraph ${name} killed (SIGKILL) under load, then restarted`, async () => {
      const others = Object.keys(platform().subgraphUrls).filter((n) => n !== name);
      // the part that goes down is a NULLABLE root field (`program(id)`, `currentTenant`): a non-null
      // one (`programs: ProgramConnection!`) failing nulls the whole answer, as GraphQL says it must,
      // and there would be no partial answer to check
      const own = await partsOf(name, 'down', { nullableOnly: true });
      const theirs = (await Promise.all(others.map((o) => partsOf(o, `up_${o}_`)))).flat();
      check(own.length > 0, `${name} owns no argument-free query field to probe`);
      const query = `query { ${[...own, ...theirs].join(' ')} }`;
      const ops: LoadOp[] = TENANTS.map((t) => ({ name: `mix@${t}`, query, variables: {}, who: w.who(t, LOAD_ROLE) }));
      const load = closedLoop(w, ops, 4, { timeoutMs: 10_000 });
      await sleep(2000);
      const killAt = performance.now();
      await control.kill(name);
      await sleep(3000);
      const restartAt = performance.now();
      const restarted = await control.restart(name);
      const readyAt = performance.now();
      let recoveredAt: number | null = null;
      while (performance.now() - readyAt < 15_000) {
        const probe = await fire(w, ops[0]!);
        if (probe.ok) {
          recoveredAt = probe.at + probe.ms;
          break;
        }
        await sleep(100);
      }
      await sleep(2000);
      const outcomes = await load.stop();
      const before = outcomes.filter((o) => o.at + o.ms < killAt);
      const down = outcomes.filter((o) => o.at > killAt + 200 && o.at + o.ms < restartAt);
      const after = recoveredAt === null ? [] : outcomes.filter((o) => o.at > recoveredAt! + 500);
      check(before.length > 0 && before.every((o) => o.ok), `before the kill: ${codesIn(before)}`);
      check(down.length > 0, 'no answer while the subgraph was down');
      for (const o of down) {
        const errors = o.reply ? errorsOf(o.reply) : [];
        check(o.status > 0 && o.status < 500, `while down: HTTP ${o.status} (${o.codes.join(',')})`);
        check(errors.length > 0 && errors.every((e) => typeof e.extensions?.code === 'string'), `while down: an answer without coded errors: ${o.reply?.text.slice(0, 200)}`);
        const missing = errors.filter((e) => String(e.path?.[0] ?? '').startsWith('down'));
        check(missing.length > 0 && missing.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && e.extensions?.service === name), `while down: the missing part is not SERVICE_UNAVAILABLE for ${name}: ${o.reply?.text.slice(0, 300)}`);
        for (const part of theirs) {
          const alias = part.slice(0, part.indexOf(':'));
          check(o.reply?.body?.data?.[alias] != null, `while ${name} was down, ${alias} (another subgraph) had no data: ${o.reply?.text.slice(0, 600)} — asked ${part.slice(0, 400)}`);
        }
      }
      check(recoveredAt !== null, `no successful answer within 15 s of the restart`);
      const recovery = Math.max(0, recoveredAt - readyAt);
      check(recovery <= RECOVERY_LIMIT_MS, `recovered ${Math.round(recovery)} ms after the restart (limit ${RECOVERY_LIMIT_MS} ms)`);
      check(after.length > 0 && after.every((o) => o.ok), `after recovery: ${codesIn(after)}`);
      const crashed = (await control.services()).filter((s) => s.unexpectedExits.length > 0);
      check(crashed.length === 0, `processes died by themselves: ${crashed.map((s) => s.name).join(', ')}`);
      return (
        `${down.length} answers while down (${codesIn(down)}; ${others.length ? `other subgraphs' fields answered` : 'no other subgraph yet: partial data not exercised'}), ` +
        `restart ${restarted.startMs} ms, first full answer ${Math.round(recovery)} ms after it was listening, ${after.length} answers after, all ok`
      );
    });
  }

  // a hung subgraph (its process stopped: connections accepted, nothing answered) costs a client the
  // gateway's upstream timeout, not for ever: that part is SERVICE_UNAVAILABLE (reason TIMEOUT), the
  // other subgraphs' parts answer, and everything answers again once it runs
  scenario(`subgraph programs frozen (SIGSTOP): answers within the upstream timeout, then thawed`, async () => {
    const name = 'programs';
    const others = Object.keys(platform().subgraphUrls).filter((n) => n !== name);
    const own = await partsOf(name, 'down', { nullableOnly: true });
    const theirs = (await Promise.all(others.map((o) => partsOf(o, `up_${o}_`)))).flat();
    check(own.length > 0, `${name} owns no argument-free query field to probe`);
    const op: LoadOp = { name: 'frozen', query: `query { ${[...own, ...theirs].join(' ')} }`, variables: {}, who: w.who(TENANTS[0], LOAD_ROLE) };
    check((await fire(w, op)).ok, 'before the freeze: not ok');
    await control.freeze(name);
    let answers: Outcome[];
    try {
      answers = await Promise.all([0, 1, 2].map(() => fire(w, op, SUITE_UPSTREAM_TIMEOUT_MS + 8_000)));
    } finally {
      await control.freeze(name, true);
    }
    for (const o of answers) {
      check(o.status > 0 && o.status < 500, `while frozen: HTTP ${o.status} (${o.codes.join(',')}) ${o.reply?.text.slice(0, 200) ?? ''}`);
      check(o.ms < SUITE_UPSTREAM_TIMEOUT_MS + 3_000, `while frozen: answered after ${Math.round(o.ms)} ms (timeout ${SUITE_UPSTREAM_TIMEOUT_MS} ms)`);
      const errors = o.reply ? errorsOf(o.reply) : [];
      const missing = errors.filter((e) => String(e.path?.[0] ?? '').startsWith('down'));
      check(
        missing.length > 0 && missing.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && e.extensions?.reason === 'TIMEOUT'),
        `while frozen: the missing part is not SERVICE_UNAVAILABLE/TIMEOUT: ${o.reply?.text.slice(0, 300)}`,
      );
      for (const part of theirs) {
        const alias = part.slice(0, part.indexOf(':'));
        check(o.reply?.body?.data?.[alias] != null, `while ${name} was frozen, ${alias} (another subgraph) had no data: ${o.reply?.text.slice(0, 400)}`);
      }
    }
    let thawedOk = false;
    const thawAt = performance.now();
    while (!thawedOk && performance.now() - thawAt < 10_000) {
      thawedOk = (await fire(w, op)).ok;
      if (!thawedOk) await sleep(100);
    }
    check(thawedOk, 'no full answer within 10 s of the thaw');
    const ms = answers.map((o) => Math.round(o.ms)).join(', ');
    return `${answers.length} answers while frozen in ${ms} ms (timeout ${SUITE_UPSTREAM_TIMEOUT_MS} ms; ${codesIn(answers)}), other subgraphs' parts answered; full answers ${Math.round(performance.now() - thawAt)} ms after the thaw`;
  });

  for (const mode of ['fast', 'immediate'] as const) {
    scenario(`PostgreSQL ${mode === 'fast' ? 'restarted (fast shutdown)' : 'crashed (immediate shutdown) and restarted'} under load; services not restarted`, async () => {
      const query = `query { ${(await Promise.all(Object.keys(platform().subgraphUrls).map((n) => partsOf(n, `p_${n}_`)))).flat().join(' ')} }`;
      const ops: LoadOp[] = TENANTS.map((t) => ({ name: `mix@${t}`, query, variables: {}, who: w.who(t, LOAD_ROLE) }));
      const pidsBefore = new Map((await control.services()).map((s) => [s.name, s.pid]));
      const load = closedLoop(w, ops, 4, { timeoutMs: 15_000 });
      await sleep(2000);
      const haltAt = performance.now();
      await control.haltPostgres(mode);
      await sleep(3000);
      const resumeAt = performance.now();
      await control.resumePostgres();
      const upAt = performance.now();
      let recoveredAt: number | null = null;
      let lastProbe = '';
      while (performance.now() - upAt < 30_000) {
        const probes = await Promise.all(ops.map((op) => fire(w, op)));
        if (probes.every((p) => p.ok)) {
          recoveredAt = Math.max(...probes.map((p) => p.at + p.ms));
          break;
        }
        lastProbe = probes.filter((p) => !p.ok).map((p) => `HTTP ${p.status} ${p.codes.join(',')} ${p.reply?.text.slice(0, 300) ?? ''}`).join(' | ');
        await sleep(200);
      }
      await sleep(2000);
      const outcomes = await load.stop();
      const down = outcomes.filter((o) => o.at > haltAt + 200 && o.at + o.ms < resumeAt);
      const after = recoveredAt === null ? [] : outcomes.filter((o) => o.at > recoveredAt! + 1000);
      for (const o of down) {
        check(o.status > 0 && o.status < 500, `while PostgreSQL was down: HTTP ${o.status} (${o.codes.join(',')}) ${o.reply?.text.slice(0, 200) ?? ''}`);
        check(o.ok || (o.codes.length > 0 && o.codes.every((c) => c === 'SERVICE_UNAVAILABLE')), `while PostgreSQL was down: an answer not coded SERVICE_UNAVAILABLE: ${o.reply?.text.slice(0, 200)}`);
      }
      check(recoveredAt !== null, `the services did not answer again within 30 s of PostgreSQL being back; the last answer: ${lastProbe}`);
      const recovery = Math.max(0, recoveredAt - upAt);
      check(recovery <= DB_RECOVERY_LIMIT_MS, `recovered ${Math.round(recovery)} ms after PostgreSQL was back (limit ${DB_RECOVERY_LIMIT_MS} ms)`);
      check(after.every((o) => o.ok), `after recovery: ${codesIn(after)}`);
      const services = await control.services();
      const restarted = services.filter((s) => pidsBefore.get(s.name) !== s.pid || s.unexpectedExits.length > 0);
      check(restarted.length === 0, `processes restarted or died: ${restarted.map((s) => s.name).join(', ')}`);
      for (const [name, url] of Object.entries(platform().subgraphUrls)) {
        const r = await send(url.replace(/\/graphql$/, '/readiness'), { method: 'GET' });
        check(r.status === 200, `${name} /readiness: HTTP ${r.status}`);
      }
      // the write path too: a fresh transaction on a fresh connection
      const writeOk = await auditedWrite();
      check(writeOk.ok, `a write after recovery failed: ${writeOk.detail}`);
      return `${down.length} answers while down (${codesIn(down)}), first full answer ${Math.round(recovery)} ms after PostgreSQL was back, ${after.length} answers after, all ok; same processes; a write works`;
    });
  }

  /** Read-replica routing of every subgraph (`/debug/replicas`). */
  async function replicaStats() {
    return Promise.all(
      Object.entries(platform().subgraphUrls).map(async ([name, url]) => {
        const r = await send(url.replace(/\/graphql$/, '/debug/replicas'), { method: 'GET' });
        const j = JSON.parse(r.text) as { replicas: { up: boolean; reads: number }[]; retried: number };
        return { name, up: j.replicas.every((x) => x.up), reads: j.replicas.reduce((n, x) => n + x.reads, 0), retried: j.retried, any: j.replicas.length > 0 };
      }),
    );
  }

  scenario('read replica crashed (immediate shutdown) under load, then back: no error; reads return to it', async () => {
    if (!(await control.replicaPid()).exists) return 'no read replica on this platform (KN_SECURITY_READ_REPLICA=false): nothing to stop';
    const query = `query { ${(await Promise.all(Object.keys(platform().subgraphUrls).map((n) => partsOf(n, `r_${n}_`)))).flat().join(' ')} }`;
    const ops: LoadOp[] = TENANTS.map((t) => ({ name: `replica@${t}`, query, variables: {}, who: w.who(t, LOAD_ROLE) }));
    const load = closedLoop(w, ops, 4, { timeoutMs: 15_000 });
    await sleep(1500);
    const before = await replicaStats();
    check(before.every((s) => s.any && s.up), `replicas not in use before the fault: ${JSON.stringify(before)}`);
    const haltAt = performance.now();
    await control.haltReplica('immediate');
    await sleep(3000);
    const down = await replicaStats();
    await control.resumeReplica();
    const resumedAt = performance.now();
    let back = await replicaStats();
    while (!back.every((s) => s.up) && performance.now() - resumedAt < 20_000) {
      await sleep(250);
      back = await replicaStats();
    }
    check(back.every((s) => s.up), `the replica did not return to the rotation within 20 s: ${JSON.stringify(back)}`);
    await sleep(2000);
    const outcomes = await load.stop();
    const after = await replicaStats();
    const failed = outcomes.filter((o) => !o.ok);
    check(failed.length === 0, `${failed.length} of ${outcomes.length} answers failed: ${codesIn(failed)} ${failed[0]?.reply?.text.slice(0, 200) ?? ''}`);
    const whileDown = outcomes.filter((o) => o.at > haltAt && o.at < resumedAt).length;
    check(whileDown > 0, 'no answer while the replica was down');
    const returned = after.every((s, i) => s.reads > back[i]!.reads);
    check(returned, `reads did not return to the replica: ${JSON.stringify({ back, after })}`);
    const retried = after.reduce((n, s, i) => n + s.retried - before[i]!.retried, 0);
    return `${outcomes.length} answers, all ok: ${whileDown} while the replica was down (${down.filter((s) => !s.up).length} of ${down.length} subgraphs had taken it out; ${retried} reads re-run on the primary), back in the rotation ${Math.round(performance.now() - resumedAt - 2000)} ms after its restart`;
  });

  /** One audited write (a mutation fixture) in the first tenant. */
  async function auditedWrite(): Promise<{ ok: boolean; detail: string }> {
    const name = Object.keys(MUTATION_FIXTURES).find((m) => rootFields(w.schema, 'mutation').some((f) => f.name === m));
    if (!name) return { ok: true, detail: 'no mutation' };
    const field = rootFields(w.schema, 'mutation').find((f) => f.name === name)!;
    const tenant = TENANTS[0];
    const token = await tokenFor(tenant, 'admin');
    const variables = await MUTATION_FIXTURES[name]!.variables({
      tenant,
      store: w.tenants[tenant]!.store,
      read: async (q, v) => (await gqlRaw(token, q, v)).body?.data,
      upload: (bytes, name) => uploadFile(token, bytes, name),
    });
    const args = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const r = await gqlRaw(token, `mutation(${args}) { ${name}(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) { __typename } }`, variables);
    return { ok: succeeded(r), detail: r.text.slice(0, 200) };
  }

  // ---- the outbox worker killed while events are produced (#14 §3, docs/RELIABILITY.md) ------------
  scenario('outbox worker killed (SIGKILL) while events are produced, then restarted: every event one notification, none lost, none doubled', () =>
    workerKilledUnderEvents(),
  );

  // ---- batch writes killed mid-flight -------------------------------------------------------------
  const mutations = () => rootFields(w.schema, 'mutation').map((f) => f.name);
  for (const s of BATCH_WRITE_SCENARIOS) {
    const runner = BATCH_RUNNERS[s.mutation];
    it(`batch write: ${s.name}`, async () => {
      if (!mutations().includes(s.mutation)) {
        results.push({ name: s.name, ok: true, skipped: true, reason: `${s.mutation} is not in the schema yet` });
        report(`fault skipped: ${s.name} — ${s.mutation} is not in the schema yet`);
        return;
      }
      if (!runner) {
        results.push({ name: s.name, ok: false, reason: `no runner for ${s.mutation} in BATCH_RUNNERS (phases/faults.ts)` });
        throw new Error(`no runner for ${s.mutation}`);
      }
      try {
        const figures = await runner(w);
        results.push({ name: s.name, ok: true, figures });
        report(`fault ok: ${s.name} — ${figures}`);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        results.push({ name: s.name, ok: false, reason });
        report(`fault FAILED: ${s.name} — ${reason}`);
        throw e;
      } finally {
        await heal();
      }
    });
  }

  it('every import mutation has a batch-write fault scenario', () => {
    const imports = mutations().filter((m) => /^import/i.test(m));
    const uncovered = imports.filter((m) => !BATCH_WRITE_SCENARIOS.some((s) => s.mutation === m));
    for (const m of uncovered) {
      results.push({ name: `batch write: ${m} killed mid-flight`, ok: false, reason: `no scenario in test/security/fixtures.ts (BATCH_WRITE_SCENARIOS) for ${m}` });
    }
    if (!imports.length) report('fault hook: no import mutation in the schema yet (the sponsors import registers in fixtures.ts BATCH_WRITE_SCENARIOS when it lands)');
    expect(uncovered).toEqual([]);
  });

  // ---- an idempotent write retried after a timeout ------------------------------------------------
  const idempotentName = `idempotent write (${IDEMPOTENT_WRITE.mutation}) retried after a client timeout is written once`;
  const hasIdempotent = () => {
    const f = rootFields(w.schema, 'mutation').find((m) => m.name === IDEMPOTENT_WRITE.mutation);
    return !!f && f.args.some((a) => a.name === IDEMPOTENT_WRITE.keyArg);
  };
  it(idempotentName, async () => {
    if (!hasIdempotent()) {
      const reason = `${IDEMPOTENT_WRITE.mutation}(…, ${IDEMPOTENT_WRITE.keyArg}) is not in the schema yet (sponsors subgraph)`;
      results.push({ name: idempotentName, ok: true, skipped: true, reason });
      report(`fault skipped: ${idempotentName} — ${reason}`);
      return;
    }
    try {
      const figures = await idempotentRetry(w);
      results.push({ name: idempotentName, ok: true, figures });
      report(`fault ok: ${idempotentName} — ${figures}`);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      results.push({ name: idempotentName, ok: false, reason });
      report(`fault FAILED: ${idempotentName} — ${reason}`);
      throw e;
    }
  });
});

type Runner = (w: World) => Promise<string>;

/**
 * Runners of BATCH_WRITE_SCENARIOS, by mutation. The sponsors import adds its runner here: fire the
 * import, kill the subgraph while it runs, restart, and check that either all of it or none of it
 * is in the database, with its audit record(s) matching exactly.
 */
const BATCH_RUNNERS: Record<string, Runner> = {
  setCommuneClassifications: classificationsKilledMidFlight,
  importContributions: importKilledMidFlight,
};

/**
 * A tenant of its own with what an import needs: a programme, a sponsor and an ACTIVE twinning
 * (created through the API as the tenant's admin). Returns the admin's token and the twinning's code.
 */
async function sponsorsTenant(prefix: string): Promise<{ tenant: string; token: string; twinningCode: string; twinningId: string }> {
  const tenant = await createTestTenant(prefix);
  const token = await tokenFor(tenant, 'admin', { sub: `${prefix}-setup:${tenant}` });
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await gqlRaw(token, query, variables);
    check(succeeded(r), `setting up ${tenant}: ${r.text.slice(0, 300)}`);
    return r.body.data;
  };
  const year = Number(new Date().toISOString().slice(0, 4));
  const program = await call(`mutation($y: Int!) { createProgram(code: "SEC-FAULT", input: { title: "Kế hoạch thử lỗi", kind: TWINNING, startYear: 2020, endYear: $y }) { id } }`, { y: year + 5 });
  const sponsor = await call(`mutation { createSponsor(input: { code: "SEC-FAULT", name: "Đơn vị thử lỗi", kind: ENTERPRISE }) { id } }`);
  const commune = await call(`{ communes(first: 1) { nodes { id } } }`);
  const twinning = await call(
    `mutation($s: ID!, $c: ID!, $p: ID!) { createTwinning(input: { code: "SEC-FAULT-1", sponsorId: $s, communeId: $c, programId: $p, startsOn: "2020-01-01" }) { id code } }`,
    { s: sponsor.createSponsor.id, c: commune.communes.nodes[0].id, p: program.createProgram.id },
  );
  return { tenant, token, twinningCode: twinning.createTwinning.code, twinningId: twinning.createTwinning.id };
}

/**
 * Imports of 200 rows each, three writers at a time, in a tenant of their own; the sponsors subgraph
 * is SIGKILLed while they write, then restarted. Every row of an import carries its request id, so
 * the database says, per import, how many of its rows were written: it must be all or none
 * (nothing half-written), an import answered ok must be all there, every import written must have
 * exactly one audit record naming exactly its contributions and its batch, and the batch's row
 * count must be its contributions'.
 */
async function importKilledMidFlight(_w: World): Promise<string> {
  const { tenant, twinningCode } = await sponsorsTenant('fault-import');
  const ROWS = 200;
  const WORKERS = 3;
  const today = new Date().toISOString().slice(0, 10);
  const IMPORT = `mutation($rows: [ContributionImportRow!]!) { importContributions(rows: $rows, source: "fault.csv") { ok imported batchId alreadyImported } }`;
  const sent = new Map<string, { ok: boolean; imported: number; codes: string[] }>();
  let running = true;
  const workers = Array.from({ length: WORKERS }, async (_, k) => {
    const token = await tokenFor(tenant, 'admin', { sub: `fault-importer:${tenant}:${k}` });
    while (running) {
      const requestId = `import-${randomUUID()}`;
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        twinning: twinningCode,
        date: today,
        category: 'Giáo dục',
        description: `${requestId} #${i}`,
        cashVnd: String(1000 + i),
      }));
      const entry = { ok: false, imported: 0, codes: [] as string[] };
      sent.set(requestId, entry);
      try {
        const r = await gqlRaw(token, IMPORT, { rows }, { headers: { 'x-request-id': requestId }, timeoutMs: 20_000 });
        const report = r.body?.data?.importContributions;
        entry.ok = succeeded(r) && report?.ok === true && !report.alreadyImported;
        entry.imported = report?.imported ?? 0;
        entry.codes = errorsOf(r).map((e) => String(e.extensions?.code));
        if (report && !report.ok) entry.codes.push('REPORT_NOT_OK');
      } catch {
        entry.codes = ['NETWORK'];
      }
      if (!entry.ok) await sleep(20);
    }
  });
  await sleep(2500);
  await control.kill('sponsors');
  await sleep(1000);
  const restarted = await control.restart('sponsors');
  await sleep(2500);
  running = false;
  await Promise.all(workers);

  const db = await withAdmin(async (c) => {
    const contributions = (
      await c.query<{ rid: string; n: number; batches: string[] }>(
        `select split_part(description, ' #', 1) as rid, count(*)::int as n, array_agg(distinct import_batch_id::text) as batches
           from sponsors.contribution where tenant_id = $1 group by 1`,
        [tenant],
      )
    ).rows;
    const batches = (await c.query<{ id: string; row_count: number }>(`select id::text, row_count from sponsors.import_batch where tenant_id = $1`, [tenant])).rows;
    const audits = (
      await c.query<{ request_id: string; changes: { entity: string; key: string; type: string }[] }>(
        `select request_id, changes from sponsors.audit_log where tenant_id = $1 and operation = 'importContributions'`,
        [tenant],
      )
    ).rows;
    return { contributions, batches, audits };
  });
  const problems: string[] = [];
  const written = new Map(db.contributions.map((r) => [r.rid, r]));
  const auditsBy = new Map<string, typeof db.audits>();
  for (const a of db.audits) auditsBy.set(a.request_id, [...(auditsBy.get(a.request_id) ?? []), a]);
  const batchRows = new Map(db.batches.map((b) => [b.id, b.row_count]));
  for (const rid of written.keys()) if (!sent.has(rid)) problems.push(`contributions of a request we did not send: ${rid}`);
  let complete = 0;
  let committedAnyway = 0;
  for (const [rid, req] of sent) {
    const w = written.get(rid);
    const audits = auditsBy.get(rid) ?? [];
    if (!w) {
      if (req.ok) problems.push(`${rid} answered ok (${req.imported} imported) but none of its rows is in the database`);
      if (audits.length) problems.push(`${rid}: an audit record without its rows`);
      continue;
    }
    complete++;
    if (!req.ok) committedAnyway++;
    if (w.n !== ROWS) problems.push(`${rid}: ${w.n} of its ${ROWS} rows written (half-applied)`);
    if (w.batches.length !== 1 || batchRows.get(w.batches[0]!) !== w.n) problems.push(`${rid}: its rows are in batches ${w.batches.join(',')} (row count ${w.batches.map((b) => batchRows.get(b)).join(',')})`);
    if (audits.length !== 1) problems.push(`${rid}: ${audits.length} audit records`);
    else {
      const created = audits[0]!.changes.filter((ch) => ch.type === 'create');
      const contributions = created.filter((ch) => ch.entity === 'Contribution').length;
      const batchesAudited = created.filter((ch) => ch.entity === 'ImportBatch').length;
      if (contributions !== w.n || batchesAudited !== 1) problems.push(`${rid}: its audit record lists ${contributions} contributions and ${batchesAudited} batches, the database has ${w.n} and 1`);
    }
  }
  for (const [id] of batchRows) if (![...written.values()].some((w) => w.batches.includes(id))) problems.push(`batch ${id} without contributions`);
  const requests = [...sent.values()];
  const failed = requests.filter((r) => !r.ok);
  check(problems.length === 0, problems.slice(0, 5).join('; '));
  check(failed.length > 0, 'no import failed: the kill did not land mid-flight');
  check(requests.some((r) => r.ok), 'no import succeeded');
  return (
    `${requests.length} imports of ${ROWS} rows (${requests.length - failed.length} answered ok, ${failed.length} failed: ${[...new Set(failed.flatMap((r) => r.codes))].join(',')}; ` +
    `${committedAnyway} committed without an answer); ${complete} in the database, each whole, with its batch and one audit record listing exactly its rows; none half-written; restart ${restarted.startMs} ms`
  );
}

/**
 * Six writers replace classifications of their own communes (each commune has one writer, so the
 * writes to a commune are sequential) in a fresh tenant; the communes subgraph is SIGKILLed while
 * they write, then restarted. Afterwards, replaying the audit log from the state before must give
 * exactly the state in the database (no change without its record, no record without its change),
 * every record must leave its commune exactly as its request asked (nothing half-applied), and
 * every request answered with success must have exactly one record.
 */
async function classificationsKilledMidFlight(w: World): Promise<string> {
  const tenant = await createTestTenant('fault');
  const token = await tokenFor(tenant, 'admin', { sub: `fault-reader:${tenant}` });
  const list = await gqlRaw(token, `{ communes(first: 500) { nodes { id } } }`);
  check(succeeded(list), `reading the test tenant's communes: ${list.status} ${list.text.slice(0, 300)}`);
  const communes: string[] = list.body.data.communes.nodes.map((n: { id: string }) => n.id);
  check(communes.length >= 12, `the test tenant has only ${communes.length} communes`);
  const state = async () =>
    withAdmin(async (c) => {
      const { rows } = await c.query<{ unit_id: string; classification: string }>(
        `select unit_id, classification from communes.unit_classification where tenant_id = $1`,
        [tenant],
      );
      const m = new Map<string, Set<string>>();
      for (const r of rows) (m.get(r.unit_id) ?? m.set(r.unit_id, new Set()).get(r.unit_id)!).add(r.classification);
      return m;
    });
  const initial = await state();
  const CLASSES = ['BORDER', 'ETHNIC_MINORITY_MOUNTAINOUS', 'EXTREMELY_DIFFICULT'];
  const sent = new Map<string, { communeId: string; wanted: string[]; ok: boolean; codes: string[] }>();
  const WORKERS = 6;
  let running = true;
  const SET = `mutation($id: ID!, $c: [CommuneClassification!]!) { setCommuneClassifications(communeId: $id, classifications: $c) { id classifications } }`;
  const workers = Array.from({ length: WORKERS }, async (_, k) => {
    // one user per writer: failing fast while the subgraph is down must not spend a rate limit
    const token = await tokenFor(tenant, 'admin', { sub: `fault-writer:${tenant}:${k}` });
    const mine = communes.filter((_, i) => i % WORKERS === k);
    let n = 0;
    while (running) {
      const communeId = mine[n++ % mine.length]!;
      const wanted = CLASSES.filter(() => Math.random() < 0.5);
      const requestId = `batch-${randomUUID()}`;
      const entry = { communeId, wanted, ok: false, codes: [] as string[] };
      sent.set(requestId, entry);
      try {
        const r = await gqlRaw(token, SET, { id: communeId, c: wanted }, { headers: { 'x-request-id': requestId }, timeoutMs: 10_000 });
        entry.ok = succeeded(r);
        entry.codes = errorsOf(r).map((e) => String(e.extensions?.code));
      } catch {
        entry.codes = ['NETWORK'];
      }
      if (!entry.ok) await sleep(20);
    }
  });
  await sleep(1500);
  await control.kill('communes');
  await sleep(1000);
  const restarted = await control.restart('communes');
  await sleep(1500);
  running = false;
  await Promise.all(workers);

  const final = await state();
  const audits = await withAdmin(async (c) =>
    (
      await c.query<{ request_id: string; before: Record<string, any>; after: Record<string, any> }>(
        `select request_id, before, after from communes.audit_log
          where tenant_id = $1 and operation = 'setCommuneClassifications'`,
        [tenant],
      )
    ).rows,
  );
  const problems: string[] = [];
  const byRequest = new Map<string, (typeof audits)[number][]>();
  for (const a of audits) {
    if (!sent.has(a.request_id)) problems.push(`an audit record for a request we did not send: ${a.request_id}`);
    byRequest.set(a.request_id, [...(byRequest.get(a.request_id) ?? []), a]);
  }
  for (const [id, list] of byRequest) if (list.length > 1) problems.push(`${list.length} audit records for ${id}`);
  // replay, commune by commune, in the order its (one) writer sent its requests
  const replay = new Map([...initial].map(([k, v]) => [k, new Set(v)]));
  const key = (set: Set<string> | undefined) => [...(set ?? [])].sort().join(',');
  let noops = 0;
  for (const [id, req] of sent) {
    const set = replay.get(req.communeId) ?? replay.set(req.communeId, new Set()).get(req.communeId)!;
    const record = byRequest.get(id)?.[0];
    if (!record) {
      // no record: the request changed nothing — it failed, or it asked for what was already there
      if (req.ok) {
        if (key(set) !== key(new Set(req.wanted))) problems.push(`${id} answered ok without an audit record, yet it asked for a change`);
        else noops++;
      }
      continue;
    }
    for (const k of new Set([...Object.keys(record.before ?? {}), ...Object.keys(record.after ?? {})])) {
      const after = record.after?.[k];
      const before = record.before?.[k];
      const row = after ?? before;
      if (row?.unitId !== req.communeId) {
        problems.push(`the record of ${id} touches ${row?.unitId} instead of ${req.communeId}`);
        continue;
      }
      if (after) set.add(after.classification);
      else set.delete(before.classification);
    }
    if (key(set) !== key(new Set(req.wanted))) problems.push(`the record of ${id} leaves ${key(set) || 'nothing'}, its request asked for ${req.wanted.join(',') || 'nothing'} (half-applied)`);
  }
  for (const unit of new Set([...replay.keys(), ...final.keys()])) {
    if (key(replay.get(unit)) !== key(final.get(unit))) problems.push(`commune ${unit}: the database has ${key(final.get(unit)) || 'nothing'}, the audit log says ${key(replay.get(unit)) || 'nothing'}`);
  }
  const requests = [...sent.values()];
  const succeededIds = [...sent].filter(([, r]) => r.ok).map(([id]) => id);
  const failed = requests.filter((r) => !r.ok);
  const committedAnyway = [...byRequest.keys()].filter((id) => !sent.get(id)?.ok).length;
  check(problems.length === 0, problems.slice(0, 5).join('; '));
  check(failed.length > 0, 'no write failed: the kill did not land mid-flight');
  check(succeededIds.length > 0, 'no write succeeded');
  return (
    `${requests.length} writes (${succeededIds.length} answered ok — ${noops} of them no-ops, which change nothing and leave no record —, ${failed.length} failed: ${[...new Set(failed.flatMap((r) => r.codes))].join(',')}; ` +
    `${committedAnyway} committed without an answer), ${audits.length} audit records, database = replay of the audit log for all ${communes.length} communes, nothing half-applied; restart ${restarted.startMs} ms`
  );
}

/**
 * The idempotent write (sponsors' recordContribution): a first attempt abandoned by the client
 * after 5 ms (it may or may not have been written), then retried with the same key, once and then
 * four times at once — one contribution, one row in the idempotency table naming it, one audit
 * record; every answer names that contribution. The same key with another payload is CONFLICT and
 * writes nothing.
 */
async function idempotentRetry(w: World): Promise<string> {
  const field = rootFields(w.schema, 'mutation').find((m) => m.name === IDEMPOTENT_WRITE.mutation)!;
  const tenant = TENANTS[0];
  const fixture = MUTATION_FIXTURES[field.name];
  check(!!fixture, `no fixture for ${field.name} in test/security/fixtures.ts`);
  const adminToken = await tokenFor(tenant, 'admin', { sub: `idempotency-reader:${tenant}` });
  const read = async (q: string, v?: Record<string, unknown>) => {
    const r = await gqlRaw(adminToken, q, v);
    check(succeeded(r), `fixture read failed: ${r.text.slice(0, 300)}`);
    return r.body.data;
  };
  const base = await fixture!.variables({ tenant, store: w.tenants[tenant]!.store, read, upload: (bytes, name) => uploadFile(adminToken, bytes, name) });
  const key = `sec-${randomUUID()}`;
  const variables = { ...base, [IDEMPOTENT_WRITE.keyArg]: key };
  const decl = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = field.args.filter((a) => a.name in variables).map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `mutation(${decl}) { ${field.name}(${call}) { id } }`;
  const token = await tokenFor(tenant, fixture!.role ?? 'admin', { sub: `idempotency:${tenant}` });
  // attempt 1: the client gives up after 5 ms (the write may or may not have happened)
  await gqlRaw(token, query, variables, { timeoutMs: 5 }).catch(() => null);
  const retry = await gqlRaw(token, query, variables);
  check(succeeded(retry), `the retry failed: ${retry.text.slice(0, 300)}`);
  const again = await Promise.all(Array.from({ length: 4 }, () => gqlRaw(token, query, variables)));
  check(again.every(succeeded), `concurrent retries: ${again.map((r) => r.text.slice(0, 120)).join(' | ')}`);
  const ids = new Set([retry, ...again].map((r) => r.body.data[field.name].id as string));
  check(ids.size === 1, `retries answered ${ids.size} different contributions`);
  const [id] = [...ids];
  // the same key, another payload: CONFLICT, nothing written
  const other = structuredClone(variables) as Record<string, any>;
  other.input.description = `${other.input.description} (another payload)`;
  const conflicting = await gqlRaw(token, query, other);
  check(errorsOf(conflicting).some((e) => e.extensions?.code === 'CONFLICT'), `the same key with another payload: ${conflicting.text.slice(0, 200)}`);
  const db = await withAdmin(async (c) => {
    const keyRows = (await c.query<{ contribution_id: string }>(`select contribution_id::text from sponsors.idempotency_key where tenant_id = $1 and key = $2`, [tenant, key])).rows;
    const contributions = Number((await c.query(`select count(*) from sponsors.contribution where tenant_id = $1 and description like $2`, [tenant, `${String((variables.input as { description: string }).description).slice(0, 60)}%`])).rows[0].count);
    const records = Number((await c.query(`select count(*) from sponsors.audit_log where tenant_id = $1 and operation = $2 and after::text like $3`, [tenant, field.name, `%${key}%`])).rows[0].count);
    return { keyRows, contributions, records };
  });
  check(db.keyRows.length === 1, `${db.keyRows.length} rows of sponsors.idempotency_key carry the key`);
  check(db.keyRows[0]!.contribution_id === id, `the key names ${db.keyRows[0]!.contribution_id}, the answers ${id}`);
  check(db.contributions === 1, `${db.contributions} contributions written for the key`);
  check(db.records === 1, `${db.records} audit records carry the key`);
  return `1 abandoned attempt + 5 retries (4 concurrent) → 1 contribution, 1 key row, 1 audit record, every answer the same contribution; another payload under the key → CONFLICT, nothing written`;
}

/**
 * The outbox worker SIGKILLed while review events are being produced (#14 §3): in a tenant of its
 * own, writers send, return, resubmit and accept needs proposals through the gateway (each act one
 * outbox row, committed with the change); the platform's only worker is killed a moment in, stays
 * down while the writers go on, and is restarted through the launcher. Then, by SQL as admin: every
 * outbox row of the tenant is relayed and has exactly one notification (none lost, none doubled),
 * and no notification is without its outbox row.
 */
async function workerKilledUnderEvents(): Promise<string> {
  const tenant = await createTestTenant('fault-worker');
  const token = await tokenFor(tenant, 'officer', { sub: `fault-worker:${tenant}` });
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await gqlRaw(token, query, variables, { timeoutMs: 20_000 });
    check(succeeded(r), `${query.slice(0, 60)}…: ${r.text.slice(0, 300)}`);
    return r.body.data;
  };
  const program = await call(`mutation { createProgram(code: "SEC-WORKER", input: { title: "Kế hoạch thử tiến trình gửi thông báo", kind: TWINNING, startYear: 2018, endYear: 2030 }) { id } }`);
  const sponsor = await call(`mutation { createSponsor(input: { code: "SEC-WORKER", name: "Đơn vị thử thông báo", kind: ENTERPRISE }) { id } }`);
  const communes = (await call(`{ communes(filter: { asOf: "2020-01-01" }, first: 6) { nodes { id } } }`)).communes.nodes as { id: string }[];
  check(communes.length >= 3, `only ${communes.length} communes in the test tenant`);
  const twinnings: string[] = [];
  for (const [i, c] of communes.entries()) {
    const t = await call(
      `mutation($s: ID!, $c: ID!, $p: ID!, $code: String!) { createTwinning(input: { code: $code, sponsorId: $s, communeId: $c, programId: $p, signedOn: "2020-01-10", startsOn: "2020-01-10", endsOn: "2026-12-31" }) { id } }`,
      { s: sponsor.createSponsor.id, c: c.id, p: program.createProgram.id, code: `SEC-WORKER-${i}` },
    );
    twinnings.push(t.createTwinning.id);
  }
  const NP = `id version`;
  const SUBMIT = `mutation($i: SubmitNeedsProposalInput!) { submitNeedsProposal(input: $i) { ${NP} } }`;
  const RETURN = `mutation($id: ID!, $v: Int!) { returnNeedsProposal(id: $id, version: $v, reason: "Đề nghị bổ sung dự toán chi tiết") { ${NP} } }`;
  const RESUBMIT = `mutation($id: ID!, $v: Int!) { resubmitNeedsProposal(id: $id, version: $v) { ${NP} } }`;
  const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptNeedsProposal(id: $id, version: $v) { ${NP} } }`;
  const outboxRows = async () =>
    withAdmin(async (c) => Number((await c.query(`select count(*)::int as n from sponsors.outbox where tenant_id = $1`, [tenant])).rows[0].n));

  // each writer: its twinning's proposal sent, then returned and sent again (one event each act) until
  // stopped, then accepted
  let running = true;
  let acts = 0;
  const failures: string[] = [];
  const act = async (q: string, key: string, v: Record<string, unknown>) => {
    try {
      const p = (await call(q, v))[key];
      acts++;
      return p as { id: string; version: number };
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  const writers = twinnings.map(async (twinningId) => {
    let p = await act(SUBMIT, 'submitNeedsProposal', { i: { twinningId, year: 2024, submittedOn: '2024-02-01', items: [] } });
    while (running && p) {
      p = await act(RETURN, 'returnNeedsProposal', { id: p.id, v: p.version });
      if (p) p = await act(RESUBMIT, 'resubmitNeedsProposal', { id: p.id, v: p.version });
    }
    if (p) await act(ACCEPT, 'acceptNeedsProposal', { id: p.id, v: p.version });
  });
  await sleep(1500);
  const atKill = await outboxRows();
  await control.kill('worker');
  await sleep(2500);
  const atRestart = await outboxRows();
  const restarted = await control.restart('worker');
  await sleep(2000);
  running = false;
  await Promise.all(writers);
  const produced = await outboxRows();
  check(atKill > 0, 'no event produced before the kill');
  check(atRestart > atKill, 'no event produced while the worker was down');
  check(produced > atRestart, 'no event produced after the restart');
  check(failures.length === 0, `${failures.length} review acts failed (the worker is not on the request path): ${failures[0]}`);

  // the restarted worker catches up (bounded): every outbox row relayed and notified
  const state = async () =>
    withAdmin(async (c) => {
      const r = await c.query(
        `select (select count(*)::int from sponsors.outbox where tenant_id = $1 and relayed_at is null) as pending,
                (select count(*)::int from notifications.notification where tenant_id = $1 and source = 'sponsors') as notified`,
        [tenant],
      );
      return r.rows[0] as { pending: number; notified: number };
    });
  const until = performance.now() + 30_000;
  let s = await state();
  while ((s.pending > 0 || s.notified < produced) && performance.now() < until) {
    await sleep(200);
    s = await state();
  }
  const perEvent = await withAdmin(async (c) => {
    const r = await c.query(
      `select count(*) filter (where n.cnt = 0)::int as lost, count(*) filter (where n.cnt > 1)::int as doubled, count(*)::int as events
         from sponsors.outbox o
         cross join lateral (select count(*)::int as cnt from notifications.notification x where x.tenant_id = o.tenant_id and x.source = 'sponsors' and x.outbox_id = o.id) n
        where o.tenant_id = $1`,
      [tenant],
    );
    const orphans = await c.query(
      `select count(*)::int as n from notifications.notification x where x.tenant_id = $1 and x.source = 'sponsors'
          and not exists (select 1 from sponsors.outbox o where o.tenant_id = x.tenant_id and o.id = x.outbox_id)`,
      [tenant],
    );
    return { ...(r.rows[0] as { lost: number; doubled: number; events: number }), orphans: Number(orphans.rows[0].n) };
  });
  check(s.pending === 0, `${s.pending} outbox rows still not relayed 30 s after the restart`);
  check(perEvent.events === produced, `${perEvent.events} outbox rows, ${produced} counted before`);
  check(perEvent.lost === 0, `${perEvent.lost} of ${perEvent.events} events have no notification (lost)`);
  check(perEvent.doubled === 0, `${perEvent.doubled} of ${perEvent.events} events have more than one notification (doubled)`);
  check(perEvent.orphans === 0, `${perEvent.orphans} notifications without their outbox row`);
  const crashed = (await control.services()).filter((x) => x.unexpectedExits.length > 0);
  check(crashed.length === 0, `processes died by themselves: ${crashed.map((x) => x.name).join(', ')}`);
  return (
    `${acts} review acts by ${twinnings.length} writers, ${perEvent.events} events (${atKill} before the kill, ${atRestart - atKill} while the worker was down, ` +
    `${produced - atRestart} after its restart in ${restarted.startMs} ms): each exactly one notification, 0 lost, 0 doubled`
  );
}
