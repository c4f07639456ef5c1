import { randomUUID } from 'node:crypto';
import { isNonNullType, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform, tokenFor } from '../../support/client.js';
import { createTestTenant } from '../../support/tenants.js';
import { BATCH_WRITE_SCENARIOS, IDEMPOTENT_WRITE, MUTATION_FIXTURES } from '../fixtures.js';
import { control } from '../support/control.js';
import { withAdmin } from '../support/db.js';
import { errorsOf, gqlRaw, send, sleep } from '../support/http.js';
import { closedLoop, fire, succeeded, type LoadOp, type Outcome } from '../support/load.js';
import { report, writeResult } from '../support/results.js';
import { rootFields, selection } from '../support/schema.js';
import { getWorld, phaseEnabled, TENANTS, type World } from '../support/world.js';

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

  function skipped(name: string, reason: string) {
    it(`${name} (skipped: ${reason})`, () => {
      results.push({ name, ok: true, skipped: true, reason });
      report(`fault skipped: ${name} — ${reason}`);
    });
  }

  async function heal() {
    if ((await control.postgresPid()).pid === null) await control.resumePostgres();
    for (const s of await control.services()) if (!s.running) await control.restart(s.name);
  }

  /** Arg-free root query fields a subgraph owns, as `alias: field { … }` parts that succeed on a quiet platform. */
  function partsOf(subgraph: string, alias: string): string[] {
    const sg = w.subgraphs.find((s) => s.name === subgraph)!;
    const owned = new Set(rootFields(sg.schema, 'query').map((f) => f.name));
    return rootFields(w.schema, 'query')
      .filter((f) => owned.has(f.name) && f.args.every((a) => !isNonNullType(a.type)) && !f.args.some((a) => /^(id|code)$/.test(a.name)))
      .slice(0, 2)
      .map((f: GraphQLField<unknown, unknown>, i) => `${alias}${i}: ${f.name}${f.args.some((a) => a.name === 'first') ? '(first: 5)' : ''} ${selection(w.schema, f.type, { depth: 1, first: 5 })}`);
  }

  for (const name of Object.keys(platform().subgraphUrls)) {
    scenario(`subgraph ${name} killed (SIGKILL) under load, then restarted`, async () => {
      const others = Object.keys(platform().subgraphUrls).filter((n) => n !== name);
      const own = partsOf(name, 'down');
      const theirs = others.flatMap((o) => partsOf(o, `up_${o}_`));
      check(own.length > 0, `${name} owns no argument-free query field to probe`);
      const query = `query { ${[...own, ...theirs].join(' ')} }`;
      const ops: LoadOp[] = TENANTS.map((t) => ({ name: `mix@${t}`, query, variables: {}, who: w.who(t, 'analyst') }));
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
          check(o.reply?.body?.data?.[alias] != null, `while ${name} was down, ${alias} (another subgraph) had no data`);
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

  for (const mode of ['fast', 'immediate'] as const) {
    scenario(`PostgreSQL ${mode === 'fast' ? 'restarted (fast shutdown)' : 'crashed (immediate shutdown) and restarted'} under load; services not restarted`, async () => {
      const query = `query { ${Object.keys(platform().subgraphUrls).flatMap((n) => partsOf(n, `p_${n}_`)).join(' ')} }`;
      const ops: LoadOp[] = TENANTS.map((t) => ({ name: `mix@${t}`, query, variables: {}, who: w.who(t, 'analyst') }));
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
      while (performance.now() - upAt < 30_000) {
        const probes = await Promise.all(ops.map((op) => fire(w, op)));
        if (probes.every((p) => p.ok)) {
          recoveredAt = Math.max(...probes.map((p) => p.at + p.ms));
          break;
        }
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
      check(recoveredAt !== null, 'the services did not answer again within 30 s of PostgreSQL being back');
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
    });
    const args = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const r = await gqlRaw(token, `mutation(${args}) { ${name}(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) { __typename } }`, variables);
    return { ok: succeeded(r), detail: r.text.slice(0, 200) };
  }

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
};

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
 * after a short timeout, then retried with the same key, sequentially and concurrently — one row
 * and one audit record for the key, and every successful answer names the same record.
 */
async function idempotentRetry(w: World): Promise<string> {
  const field = rootFields(w.schema, 'mutation').find((m) => m.name === IDEMPOTENT_WRITE.mutation)!;
  const tenant = TENANTS[0];
  const fixture = MUTATION_FIXTURES[field.name];
  const adminToken = await tokenFor(tenant, 'admin');
  const { requiredArgs } = await import('../support/schema.js');
  const { fillerOf } = await import('../support/harvest.js');
  const base = fixture
    ? await fixture.variables({ tenant, store: w.tenants[tenant]!.store, read: async (q, v) => (await gqlRaw(adminToken, q, v)).body?.data })
    : requiredArgs(w.schema, field, fillerOf(w.tenants[tenant]!.store, tenant));
  const key = `sec-${randomUUID()}`;
  const variables = { ...base, [IDEMPOTENT_WRITE.keyArg]: key };
  const decl = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = field.args.filter((a) => a.name in variables).map((a) => `${a.name}: $${a.name}`).join(', ');
  const sel = selection(w.schema, field.type, { depth: 0, first: 1 });
  const query = `mutation(${decl}) { ${field.name}(${call}) ${sel} }`;
  const roles = fixture?.role ? [fixture.role] : (['admin', 'officer', 'sponsor'] as const);
  let token = '';
  for (const role of roles) {
    const who = w.who(tenant, role);
    token = await tokenFor(tenant, role, who.sponsorId ? { scope: { sponsorId: who.sponsorId } } : {});
    // attempt 1: the client gives up after 5 ms (the write may or may not have happened)
    await gqlRaw(token, query, variables, { timeoutMs: 5 }).catch(() => null);
    const retry = await gqlRaw(token, query, variables);
    if (errorsOf(retry).some((e) => e.extensions?.code === 'FORBIDDEN')) continue;
    check(succeeded(retry), `the retry failed: ${retry.text.slice(0, 300)} (add a fixture for ${field.name} in test/security/fixtures.ts if the generated input is wrong)`);
    const again = await Promise.all(Array.from({ length: 4 }, () => gqlRaw(token, query, variables)));
    check(again.every(succeeded), `concurrent retries: ${again.map((r) => r.status).join(',')}`);
    const ids = new Set([retry, ...again].map((r) => JSON.stringify(r.body.data[field.name]?.id ?? r.body.data[field.name])));
    check(ids.size === 1, `retries answered ${ids.size} different records`);
    // one row carrying the key, one audit record
    const rows = await withAdmin(async (c) => {
      const { rows: cols } = await c.query<{ schema: string; table: string; column: string }>(
        `select table_schema as schema, table_name as table, column_name as column from information_schema.columns
          where column_name ilike '%idempotency%' and table_schema not in ('pg_catalog', 'information_schema')`,
      );
      let n = 0;
      for (const col of cols) n += Number((await c.query(`select count(*) from "${col.schema}"."${col.table}" where "${col.column}"::text = $1`, [key])).rows[0].count);
      const { rows: audits } = await c.query<{ schema: string }>(`select table_schema as schema from information_schema.tables where table_name = 'audit_log'`);
      let records = 0;
      for (const a of audits) records += Number((await c.query(`select count(*) from "${a.schema}".audit_log where after::text like $1`, [`%${key}%`])).rows[0].count);
      return { n, columns: cols.length, records };
    });
    check(rows.columns > 0, 'no column holds the idempotency key');
    check(rows.n === 1, `${rows.n} rows carry the idempotency key`);
    check(rows.records === 1, `${rows.records} audit records carry the idempotency key`);
    return `1 abandoned attempt + 5 retries (4 concurrent) → 1 row, every answer the same record`;
  }
  throw new Error(`no role may run ${field.name}`);
}
