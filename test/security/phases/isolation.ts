import { createPrivateKey, randomUUID, sign as edSign } from 'node:crypto';
import { generateKeyPair, exportJWK, SignJWT, importJWK, type CryptoKey, type JWK } from 'jose';
import { getNamedType, isCompositeType, isNonNullType, type GraphQLField } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@kn/platform/identity';
import { platform, tokenFor } from '../../support/client.js';
import { allTables, qualified, snapshot, diff, withAdmin, type Snapshot, type Table } from '../support/db.js';
import { fillerOf, sample } from '../support/harvest.js';
import { SUCCESSOR_TENANT } from '../support/world.js';

const SUCCESSOR = SUCCESSOR_TENANT;
const PREDECESSOR = 'quang-nam';
const THIRD = 'lang-son';
import {
  codesOf,
  errorsOf,
  gqlRaw,
  identityClaims,
  internalIdentity,
  pool,
  send,
  whoName,
  type Reply,
  type Who,
} from '../support/http.js';
import { report, writeResult } from '../support/results.js';
import {
  operation,
  optionalDatePaths,
  requiredArgs,
  rootFields,
  selection,
  setAt,
  targetLeaves,
  ValueStore,
  type ArgLeaf,
  type SubgraphSchema,
} from '../support/schema.js';
import { getWorld, phaseEnabled, TENANT_ROLES, TENANTS, type World } from '../support/world.js';

type Field = GraphQLField<unknown, unknown>;

/** Tally of one part of the isolation phase: every attempt, every leak with what it was. */
class Tally {
  tried = 0;
  leaks: string[] = [];
  constructor(
    readonly part: string,
    public note = '',
  ) {}
  attempt(leaked: boolean, what: () => string): void {
    this.tried++;
    if (leaked) this.leaks.push(`${this.part}: ${what()}`);
  }
  save(): void {
    writeResult(`isolation-${this.part}`, { part: this.part, tried: this.tried, leaked: this.leaks.length, leaks: this.leaks, note: this.note });
    report(`isolation/${this.part}: ${this.tried} tried, ${this.leaks.length} leaked${this.note ? ` (${this.note})` : ''}`);
  }
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isUuidLike = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * A value shaped like `v` that exists nowhere: a fresh UUID, or the same length and character
 * classes with random characters (`20443` → `71806`, `QN-BDT` → `XK-QWE`). Same shape matters: a
 * comparison value the server refuses as malformed (BAD_USER_INPUT) would make every well-formed
 * value of B look "different from nothing". A new one each call, so that a write with it never
 * collides with an earlier one.
 */
function lookalike(v: string, known: (s: string) => boolean): string {
  if (isUuidLike(v)) return randomUUID();
  const pick = (set: string) => set[Math.floor(Math.random() * set.length)]!;
  for (let i = 0; i < 1000; i++) {
    const s = v
      .replace(/[0-9]/g, () => pick('0123456789'))
      .replace(/[a-z]/g, () => pick('abcdefghijklmnopqrstuvwxyz'))
      .replace(/[A-Z]/g, () => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
    if (s !== v && !known(s)) return s;
  }
  throw new Error(`no value shaped like "${v}" that exists nowhere: the comparison would be meaningless`);
}

/** A compact JWS signed by hand (jose refuses to sign some of the headers an attacker would send). */
function rawSign(header: Record<string, unknown>, payload: Record<string, unknown>, jwk: JWK): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64(header)}.${b64(payload)}`;
  const key = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  return `${input}.${edSign(null, Buffer.from(input), key).toString('base64url')}`;
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Values of `victim` present in a response's data (the attack value itself excepted). */
function victimValues(data: unknown, victim: Set<string>, except?: string): string[] {
  return strings(data).filter((s) => s !== except && victim.has(s));
}

const escapeRe = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A reply as a comparable text: status, data, and errors' codes, paths and messages, with the probed
 * value masked (`<V>`, in messages as a whole word, whatever its length: `187` in "code 187 exists")
 * and the fresh values the suite generated for the request masked as `<F>`.
 */
function normalise(r: Reply, value: string, fresh: string[] = []): string {
  const masks: [RegExp, string][] = [value, ...fresh].map((x, i) => [new RegExp(`(?<![0-9A-Za-z])${escapeRe(x)}(?![0-9A-Za-z])`, 'g'), i === 0 ? '<V>' : '<F>']);
  const maskText = (t: string) => masks.reduce((acc, [re, tag]) => acc.replace(re, tag), t).replace(UUID_RE, '<uuid>').replace(/sec-<uuid>/g, '<rid>');
  const maskData = (v: unknown): unknown => {
    if (typeof v === 'string') return v === value ? '<V>' : fresh.includes(v) ? '<F>' : v.replace(UUID_RE, '<uuid>');
    // lists compared as multisets: a list sorted by the probed value itself (the new row's code
    // among its sponsor's twinnings) puts B's code and the lookalike at different places
    if (Array.isArray(v)) return v.map(maskData).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : JSON.stringify(x) > JSON.stringify(y) ? 1 : 0));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskData(x)]));
    return v;
  };
  const errors = errorsOf(r).map((e) => ({ code: e.extensions?.code, path: e.path, message: maskText(e.message) }));
  return JSON.stringify({ status: r.status, data: maskData(r.body?.data ?? null), errors });
}

/** Two normalised answers around their first difference (the start, when it is near). */
function whereDiffer(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = i < 200 ? 0 : i - 120;
  const cut = (x: string) => `${from ? '…' : ''}${x.slice(from, from + 300)}${x.length > from + 300 ? '…' : ''}`;
  return `${cut(a)} vs ${cut(b)}`;
}

/** A mutation's answer that succeeded: it may have written. */
const succeededWrite = (r: Reply, field: string) => r.status === 200 && errorsOf(r).length === 0 && r.body?.data?.[field] != null;

const camel = (col: string) => col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe.skipIf(!phaseEnabled('isolation'))('isolation', () => {
  let w: World;
  let before: Snapshot;
  // every identifier seen in either tenant (ids, codes, slugs): a lookalike must be none of them
  let identifiers: Set<string> | null = null;
  const known = (s: string) => {
    identifiers ??= new Set(
      TENANTS.flatMap((t) => {
        const st = w.tenants[t]!.store;
        return [t, ...st.ids, ...[...st.values.values()].flatMap((m) => [...m].filter(([f]) => /(^code$|Codes?$|^slug$|^tenant$)/.test(f)).flatMap(([, set]) => [...set]))];
      }),
    );
    return identifiers.has(s);
  };
  const pairs = () => TENANTS.flatMap((a) => TENANTS.filter((b) => b !== a).map((b) => [a, b] as const));

  beforeAll(async () => {
    w = await getWorld();
    before = await snapshot();
    for (const t of TENANTS) {
      const s = w.tenants[t]!.store;
      report(`harvested ${t}: ${s.ids.size} ids, ${[...s.values.keys()].length} types, dates ${[...s.dates].sort().join(' ')}`);
    }
  });

  /** The attacker's values for an argument leaf: the victim's ids/codes of that entity that the attacker does not also have. */
  function victimValuesFor(leaf: ArgLeaf, attacker: string, victim: string, k: number): string[] {
    const v = w.tenants[victim]!.store;
    const a = w.tenants[attacker]!.store;
    let values: string[];
    if (leaf.target.kind === 'tenant') values = [victim];
    else if (leaf.target.kind === 'id') values = leaf.target.entity ? v.get(leaf.target.entity, 'id') : [...v.ids];
    else values = leaf.target.entity ? v.get(leaf.target.entity, 'code') : [...v.values.values()].flatMap((m) => [...(m.get('code') ?? [])]);
    const mine = new Set(
      leaf.target.kind === 'id'
        ? [...a.ids]
        : leaf.target.entity
          ? a.get(leaf.target.entity, 'code')
          : leaf.target.kind === 'code'
            ? [...a.values.values()].flatMap((m) => [...(m.get('code') ?? [])])
            : [],
    );
    return sample(
      values.filter((x) => !mine.has(x)),
      k,
    );
  }

  describe('through the gateway', () => {
    const fieldsTally = new Tally('fields');
    const listsTally = new Tally('own-lists');
    let live = 0;
    let probed = 0;
    let undone = 0;
    afterAll(() => {
      fieldsTally.note =
        `${probed} values probed, ${live} of them visible to their own tenant with the same arguments; ` +
        `${undone} mutation answers that wrote (codes are per tenant: B's code is free in A) — each checked and undone`;
      fieldsTally.save();
      listsTally.save();
    });

    /** A fresh code of `entity` for the tenant, shaped like its own codes (a row the mutation may create). */
    const freshCode = (tenant: string, entity: string | null) => lookalike((entity && w.tenants[tenant]!.store.get(entity, 'code')[0]) || 'SEC-0000', known);

    it("every query and mutation field, every role of A, against B's ids and codes: indistinguishable from nothing", async () => {
      const queryJobs: (() => Promise<void>)[] = [];
      // mutation jobs run one after the other: a write and its undo never overlap another attack.
      // (In parallel, CI saw one mutation create Quảng Nam's own BORDER_HEALTH_STATIONS_WITH_DOCTOR_RATE
      // — a code free in Quảng Nam — while createTarget was probed with Lạng Sơn's code of that name:
      // a difference that came from the suite's own write, not from Lạng Sơn.)
      const mutationJobs = new Map<string, (() => Promise<void>)[]>();
      for (const [attacker, victim] of pairs()) {
        const victimOnly = w.ownedOnly(victim);
        for (const kind of ['query', 'mutation'] as const) {
          for (const field of rootFields(w.schema, kind)) {
            const sel = selection(w.schema, field.type, { depth: 2, first: 5 });
            const leaves = targetLeaves(w.schema, field, kind);
            // arguments that name the row a mutation writes get a fresh code of A on every request
            // (A's existing code would be a CONFLICT before the attacked argument is even looked at)
            const naming = leaves.filter((l) => l.target.names);
            const withFresh = (args: Record<string, unknown>, attacked: ArgLeaf) => {
              let out = args;
              const fresh: string[] = [];
              for (const l of naming) {
                if (l === attacked) continue;
                const v = freshCode(attacker, l.target.entity);
                out = setAt(out, l.path, v);
                fresh.push(v);
              }
              return { args: out, fresh };
            };
            for (const leaf of leaves) {
              for (const value of victimValuesFor(leaf, attacker, victim, kind === 'query' ? 4 : 3)) {
                const job = async () => {
                  // the arguments with which the VICTIM sees this value (queries): that is the attack
                  const base = requiredArgs(w.schema, field, fillerOf(w.tenants[attacker]!.store, attacker));
                  let args = setAt(base, leaf.path, value);
                  if (kind === 'query') {
                    probed++;
                    const fake = lookalike(value, known);
                    const victimToken = await w.tokens.get(w.who(victim, 'admin'));
                    const variants = [args, ...[...w.tenants[victim]!.store.dates].sort().map((d) => optionalDatePaths(field).reduce((acc, p) => setAt(acc, p, d), args))];
                    for (const variant of variants.slice(0, 6)) {
                      const seen = await run(kind, field, variant, sel, victimToken);
                      const none = await run(kind, field, setAt(variant, leaf.path, fake), sel, victimToken);
                      if (normalise(seen, value) !== normalise(none, fake)) {
                        args = variant;
                        live++;
                        break;
                      }
                    }
                  }
                  const roles: Role[] = kind === 'mutation' ? [...TENANT_ROLES, 'national'] : TENANT_ROLES;
                  for (const role of roles) {
                    const who = w.who(attacker, role);
                    const token = await w.tokens.get(who);
                    const fake = lookalike(value, known); // new each time: a write with it never meets an earlier one
                    const h = withFresh(args, leaf);
                    const m = withFresh(setAt(args, leaf.path, fake), leaf);
                    // a mutation that succeeded wrote: it must have written only in A, nothing of B,
                    // only new rows; it is undone at once, so that the next request (the comparison
                    // with the lookalike, the next role) meets the same state
                    const writeProblems: string[] = [];
                    const undoIfWritten = async (r: Reply) => {
                      if (kind !== 'mutation' || !succeededWrite(r, field.name)) return;
                      undone++;
                      writeProblems.push(...(await verifyAndUndo(r.requestId, attacker, victim, victimOnly)));
                    };
                    const hit = await run(kind, field, h.args, sel, token);
                    await undoIfWritten(hit);
                    const miss = await run(kind, field, m.args, sel, token);
                    await undoIfWritten(miss);
                    const found = victimValues(hit.body?.data, victimOnly, value);
                    const differs = normalise(hit, value, h.fresh) !== normalise(miss, fake, m.fresh);
                    const server = hit.status >= 500;
                    fieldsTally.attempt(found.length > 0 || differs || server || writeProblems.length > 0, () =>
                      `${whoName(who)} ${kind} ${field.name}(${leaf.path.join('.')}=${value} of ${victim})` +
                      (found.length ? ` returned ${victim}'s ${found.slice(0, 3).join(', ')}` : '') +
                      (differs ? ` answered differently from a value that does not exist: ${whereDiffer(normalise(hit, value, h.fresh), normalise(miss, fake, m.fresh))}` : '') +
                      (server ? ` HTTP ${hit.status}` : '') +
                      (writeProblems.length ? ` wrote: ${writeProblems.slice(0, 3).join('; ')}` : ''),
                    );
                  }
                };
                if (kind === 'query') queryJobs.push(job);
                else mutationJobs.set(field.name, [...(mutationJobs.get(field.name) ?? []), job]);
              }
            }
          }
        }
      }
      await pool(queryJobs, 6, (job) => job());
      for (const jobs of mutationJobs.values()) for (const job of jobs) await job();
      expect(fieldsTally.leaks).toEqual([]);
      expect(fieldsTally.tried).toBeGreaterThan(0);
    });

    it("every query field read with A's own arguments, every role: no value of B anywhere in the answer", async () => {
      const jobs: (() => Promise<void>)[] = [];
      for (const [tenant, other] of pairs()) {
        const otherOnly = w.ownedOnly(other);
        for (const field of rootFields(w.schema, 'query')) {
          const sel = selection(w.schema, field.type, { depth: 2, first: 20 });
          const base = requiredArgs(w.schema, field, fillerOf(w.tenants[tenant]!.store, tenant));
          const variants = [base, ...sample([...w.tenants[tenant]!.store.dates].sort(), 3).map((d) => optionalDatePaths(field).reduce((acc, p) => setAt(acc, p, d), base))];
          for (const role of TENANT_ROLES) {
            for (const args of variants) {
              jobs.push(async () => {
                const who = w.who(tenant, role);
                const r = await run('query', field, args, sel, await w.tokens.get(who));
                const found = victimValues(r.body?.data, otherOnly);
                listsTally.attempt(found.length > 0 || r.status >= 500, () => `${whoName(who)} ${field.name}(${JSON.stringify(args)}) returned ${other}'s ${found.slice(0, 3).join(', ')} (HTTP ${r.status})`);
              });
            }
          }
        }
      }
      await pool(jobs, 6, (job) => job());
      expect(listsTally.leaks).toEqual([]);
    });
  });

  /**
   * An attack's mutation answered with success: check what it wrote — one audit record per write
   * (the platform audits every write), in the attacker's tenant, no value of B in it, new rows only
   * (another tenant's code names a new row of A: legitimate) — then remove those rows and the record
   * as the superuser, so that the next attempt meets the same state and "the database is exactly as
   * before" still holds at the end. Returns what was wrong (a leak).
   */
  async function verifyAndUndo(requestId: string, attacker: string, victim: string, victimOnly: Set<string>): Promise<string[]> {
    return withAdmin(async (c) => {
      const tables = await allTables(c);
      const problems: string[] = [];
      let records = 0;
      await c.query('begin');
      try {
        for (const audit of tables.filter((t) => t.table === 'audit_log')) {
          const { rows } = await c.query(`select * from ${qualified(audit)} where request_id = $1`, [requestId]);
          for (const rec of rows as { tenant_id: string; id: string; changes: { entity: string; key: string; type: string }[]; after: Record<string, Record<string, unknown> | null> }[]) {
            records++;
            if (rec.tenant_id !== attacker) problems.push(`an audit record in ${audit.schema} for tenant ${rec.tenant_id}`);
            const foreign = victimValues(rec.after, victimOnly);
            if (foreign.length) problems.push(`a row naming ${victim}'s ${foreign.slice(0, 3).join(', ')}`);
            for (const ch of [...rec.changes].reverse()) {
              const row = rec.after[`${ch.entity}:${ch.key}`];
              if (ch.type !== 'create' || !row) {
                problems.push(`${ch.type} of an existing ${ch.entity} (${ch.key})`);
                continue;
              }
              if (row.tenantId !== attacker) problems.push(`a ${ch.entity} created in tenant ${String(row.tenantId)}`);
              // the row's table: in the record's schema, the one table holding a row with its key
              const holders: { t: Table; where: string; params: string[] }[] = [];
              for (const t of tables.filter((x) => x.schema === audit.schema && x.tenantOwned && x.table !== 'audit_log' && x.primaryKey.length > 0)) {
                if (!t.primaryKey.every((k) => row[camel(k)] != null)) continue;
                const where = t.primaryKey.map((k, i) => `"${k}"::text = $${i + 1}`).join(' and ');
                const params = t.primaryKey.map((k) => String(row[camel(k)]));
                const { rows: hit } = await c.query(`select 1 from ${qualified(t)} where ${where}`, params);
                if (hit.length === 1) holders.push({ t, where, params });
              }
              if (holders.length !== 1) {
                problems.push(`the created ${ch.entity} (${ch.key}) is in ${holders.length} tables`);
                continue;
              }
              const h = holders[0]!;
              await c.query(`delete from ${qualified(h.t)} where ${h.where}`, h.params);
            }
            await c.query(`delete from ${qualified(audit)} where tenant_id = $1 and id = $2`, [rec.tenant_id, rec.id]);
          }
        }
        if (records === 0) problems.push(`it answered with success and left no audit record (request ${requestId})`);
        await c.query(problems.length ? 'rollback' : 'commit');
      } catch (e) {
        await c.query('rollback');
        problems.push(`undo failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      return problems;
    });
  }

  function run(kind: 'query' | 'mutation', field: Field, args: Record<string, unknown>, sel: string, token: string, url?: string) {
    const op = operation(kind, field, args, sel);
    return gqlRaw(token, op.query, op.variables, url ? { url } : {});
  }

  /**
   * Unit scopes (issue #14): inside ONE tenant, an officer, analyst or admin scoped to commune A
   * attacks the rows of the other communes — every query field with its own arguments (no value of
   * another commune's rows anywhere), and every query field's id/code arguments set to another
   * commune's twinnings, contributions, plans, proposals, sponsors, reports and measurements
   * (indistinguishable from a value that does not exist). What is out of scope is computed here
   * from the tables as the superuser, with the reform rule of docs/SECURITY.md (A and every unit it
   * succeeded), independently of the code under test.
   */
  describe('unit scopes inside a tenant', () => {
    const scopeLists = new Tally('scope-lists');
    const scopeFields = new Tally('scope-fields');
    afterAll(() => {
      scopeLists.save();
      scopeFields.save();
    });
    const SCOPED_ROLES: Role[] = ['officer', 'analyst', 'admin'];
    // scoped tokens, a new subject every 300 requests (rate limits are per subject, as in TokenPool)
    const minted = new Map<string, { token: Promise<string>; uses: number; k: number }>();
    const scopedToken = (tenant: string, role: Role, commune: string) => {
      const key = `${tenant}|${role}|${commune}`;
      let e = minted.get(key);
      if (!e || e.uses >= 300) {
        const k = (e?.k ?? 0) + 1;
        e = { token: tokenFor(tenant, role, { sub: `sec:scope:${tenant}:${role}:${k}`, scope: { units: [`commune:${commune}`] } }), uses: 0, k };
        minted.set(key, e);
      }
      e.uses++;
      return e.token;
    };

    /** A commune with twinnings (the one with most), its reach, and every id/code of rows outside it. */
    async function scopeOf(tenant: string) {
      return withAdmin(async (c) => {
        const [pick] = (
          await c.query(
            `select commune_id, count(*) as n from sponsors.twinning where tenant_id = $1 group by commune_id order by count(*) desc, commune_id limit 1`,
            [tenant],
          )
        ).rows;
        const commune = String(pick.commune_id);
        const reach = (
          await c.query(
            `with recursive back(id) as (select $2::uuid union select s.predecessor_id from communes.unit_succession s join back b on s.successor_id = b.id where s.tenant_id = $1)
             select id::text from back`,
            [tenant, commune],
          )
        ).rows.map((r) => String(r.id));
        const out = `not (commune_id = any($2::uuid[]))`;
        const outside = (
          await c.query(
            `select id::text as v from sponsors.twinning where tenant_id = $1 and ${out}
             union select code from sponsors.twinning where tenant_id = $1 and ${out}
             union select id::text from sponsors.contribution where tenant_id = $1 and ${out}
             union select p.id::text from sponsors.needs_proposal p join sponsors.twinning t on t.tenant_id = p.tenant_id and t.id = p.twinning_id where p.tenant_id = $1 and not (t.commune_id = any($2::uuid[]))
             union select p.id::text from sponsors.yearly_plan p join sponsors.twinning t on t.tenant_id = p.tenant_id and t.id = p.twinning_id where p.tenant_id = $1 and not (t.commune_id = any($2::uuid[]))
             union select s.id::text from sponsors.sponsor s where s.tenant_id = $1 and not exists (select 1 from sponsors.twinning t where t.tenant_id = s.tenant_id and t.sponsor_id = s.id and t.commune_id = any($2::uuid[]))
             union select s.code from sponsors.sponsor s where s.tenant_id = $1 and not exists (select 1 from sponsors.twinning t where t.tenant_id = s.tenant_id and t.sponsor_id = s.id and t.commune_id = any($2::uuid[]))
             union select id::text from evaluations.report where tenant_id = $1 and not (reporter_id = any($2::uuid[]))
             union select id::text from evaluations.commune_measurement where tenant_id = $1 and ${out}
             union select id::text from evaluations.sponsor_evaluation where tenant_id = $1`,
            [tenant, `{${reach.join(',')}}`],
          )
        ).rows.map((r) => String(r.v));
        return { commune, reach, outside: new Set(outside) };
      });
    }

    it('every query field read by a commune-scoped caller with its own arguments: nothing of another commune', async () => {
      const jobs: (() => Promise<void>)[] = [];
      for (const tenant of TENANTS) {
        const s = await scopeOf(tenant);
        const full = w.tenants[tenant]!.store;
        const mine = new ValueStore();
        for (const [type, byField] of full.values) for (const [f, set] of byField) for (const v of set) if (!s.outside.has(v)) mine.add(type, f, v);
        for (const id of full.ids) if (!s.outside.has(id)) mine.ids.add(id);
        for (const field of rootFields(w.schema, 'query')) {
          const sel = selection(w.schema, field.type, { depth: 2, first: 20 });
          const args = requiredArgs(w.schema, field, fillerOf(mine, tenant));
          for (const role of SCOPED_ROLES) {
            jobs.push(async () => {
              const token = await scopedToken(tenant, role, s.commune);
              const r = await run('query', field, args, sel, token);
              const found = victimValues(r.body?.data, s.outside);
              scopeLists.attempt(found.length > 0 || r.status >= 500, () => `${tenant}/${role} scoped to commune ${s.commune}: ${field.name}(${JSON.stringify(args)}) returned ${found.slice(0, 3).join(', ')} of other communes (HTTP ${r.status})`);
            });
          }
        }
      }
      await pool(jobs, 6, (job) => job());
      expect(scopeLists.leaks).toEqual([]);
      expect(scopeLists.tried).toBeGreaterThan(0);
    });

    it("every query field's ids and codes set to another commune's rows: indistinguishable from nothing", async () => {
      const jobs: (() => Promise<void>)[] = [];
      let probed = 0;
      for (const tenant of TENANTS) {
        const s = await scopeOf(tenant);
        const store = w.tenants[tenant]!.store;
        for (const field of rootFields(w.schema, 'query')) {
          const sel = selection(w.schema, field.type, { depth: 2, first: 5 });
          for (const leaf of targetLeaves(w.schema, field, 'query')) {
            if (leaf.target.kind === 'tenant') continue;
            const pool_ =
              leaf.target.kind === 'id'
                ? leaf.target.entity ? store.get(leaf.target.entity, 'id') : [...store.ids]
                : leaf.target.entity ? store.get(leaf.target.entity, 'code') : [];
            for (const value of sample(pool_.filter((v) => s.outside.has(v)), 3)) {
              probed++;
              for (const role of SCOPED_ROLES) {
                jobs.push(async () => {
                  const token = await scopedToken(tenant, role, s.commune);
                  const base = requiredArgs(w.schema, field, fillerOf(store, tenant));
                  const fake = lookalike(value, known);
                  const hit = await run('query', field, setAt(base, leaf.path, value), sel, token);
                  const miss = await run('query', field, setAt(base, leaf.path, fake), sel, token);
                  const found = victimValues(hit.body?.data, s.outside, value);
                  const differs = normalise(hit, value) !== normalise(miss, fake);
                  scopeFields.attempt(found.length > 0 || differs || hit.status >= 500, () =>
                    `${tenant}/${role} scoped to commune ${s.commune}: ${field.name}(${leaf.path.join('.')}=${value})` +
                    (found.length ? ` returned ${found.slice(0, 3).join(', ')}` : '') +
                    (differs ? ` answered differently from a value that does not exist: ${whereDiffer(normalise(hit, value), normalise(miss, fake))}` : '') +
                    (hit.status >= 500 ? ` HTTP ${hit.status}` : ''),
                  );
                });
              }
            }
          }
        }
      }
      await pool(jobs, 6, (job) => job());
      scopeFields.note = `${probed} values of other communes probed, each by ${SCOPED_ROLES.length} scoped roles`;
      expect(scopeFields.leaks).toEqual([]);
      expect(scopeFields.tried).toBeGreaterThan(0);
    });
  });

  describe('at the subgraphs', () => {
    const entitiesTally = new Tally('entities');
    afterAll(() => entitiesTally.save());

    it("_entities of every subgraph, with B's keys and a genuine gateway identity of A: indistinguishable from nothing", async () => {
      const jobs: (() => Promise<void>)[] = [];
      for (const sg of w.subgraphs) {
        for (const entity of sg.entities.filter((e) => e.resolvable)) {
          const sel = selection(sg.schema, sg.schema.getType(entity.type) as never, { depth: 1, first: 5 });
          const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${entity.type} ${sel} } }`;
          for (const [attacker, victim] of pairs()) {
            const victimOnly = w.ownedOnly(victim);
            const keyField = entity.keyFields[0]!;
            if (entity.keyFields.length !== 1) continue; // compound keys: none yet
            const values = entity.type === 'Tenant' && keyField === 'slug' ? [victim] : sample(w.tenants[victim]!.store.get(entity.type, keyField), 5);
            const mine = new Set(w.tenants[attacker]!.store.get(entity.type, keyField).map(String));
            for (const value of values) {
              for (const role of TENANT_ROLES) {
                jobs.push(async () => {
                  const who = w.who(attacker, role);
                  const fake = lookalike(value, known);
                  const hit = await subgraphCall(sg, who, query, { r: [{ __typename: entity.type, [keyField]: value }] });
                  const miss = await subgraphCall(sg, who, query, { r: [{ __typename: entity.type, [keyField]: fake }] });
                  const found = victimValues(hit.body?.data, victimOnly, value);
                  if (mine.has(String(value))) {
                    // a key naming no tenant (ProvinceDashboard's `year`) is A's own key too: A gets A's
                    // own entity, and it leaks only if the answer is the one B gets for it
                    const theirs = await subgraphCall(sg, w.who(victim, role), query, { r: [{ __typename: entity.type, [keyField]: value }] });
                    // (both refused, e.g. FORBIDDEN to the role, is the same answer and no data)
                    const answered = (hit.body?.data?._entities ?? []).some((x: unknown) => x != null);
                    const same = answered && normalise(hit, value) === normalise(theirs, value);
                    entitiesTally.attempt(found.length > 0 || same || hit.status >= 500, () =>
                      `${sg.name} ${whoName(who)} _entities(${entity.type} ${keyField}=${value}, a key of both tenants): ${normalise(hit, value).slice(0, 300)} is ${victim}'s own answer ${normalise(theirs, value).slice(0, 300)}`,
                    );
                    return;
                  }
                  const differs = normalise(hit, value) !== normalise(miss, fake);
                  entitiesTally.attempt(found.length > 0 || differs || hit.status >= 500, () =>
                    `${sg.name} ${whoName(who)} _entities(${entity.type} ${keyField}=${value} of ${victim}): ${normalise(hit, value).slice(0, 300)} vs nonexistent ${normalise(miss, fake).slice(0, 300)}`,
                  );
                });
              }
            }
          }
        }
      }
      await pool(jobs, 6, (job) => job());
      expect(entitiesTally.leaks).toEqual([]);
      expect(entitiesTally.tried).toBeGreaterThan(0);
    });
  });

  async function subgraphCall(sg: SubgraphSchema, who: Who, query: string, variables?: Record<string, unknown>, identity?: string | null) {
    const id = identity === undefined ? await internalIdentity(identityClaims(who)) : identity;
    return send(sg.url, {
      headers: { 'content-type': 'application/json', ...(id !== null ? { 'x-kn-identity': id } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  }

  /** A read that returns data for a genuine caller (the first argument-free query field). */
  function probeQuery(tenant: string): { query: string; variables: Record<string, unknown> } {
    const fields = rootFields(w.schema, 'query').filter((f) => f.args.every((a) => !isNonNullType(a.type)));
    const parts = fields.slice(0, 8).map((f, i) => {
      const first = f.args.some((a) => a.name === 'first') ? '(first: 5)' : '';
      return `f${i}: ${f.name}${first} ${selection(w.schema, f.type, { depth: 1, first: 5 })}`;
    });
    void tenant;
    return { query: `query { ${parts.join(' ')} }`, variables: {} };
  }

  /** A mutation with the tenant's own valid arguments (the first of the schema). */
  function probeMutation(tenant: string) {
    const field = rootFields(w.schema, 'mutation')[0];
    if (!field) return null;
    const args = requiredArgs(w.schema, field, fillerOf(w.tenants[tenant]!.store, tenant));
    return operation('mutation', field, args, selection(w.schema, field.type, { depth: 0, first: 1 }));
  }

  describe('credentials', () => {
    const tokensTally = new Tally('tokens');
    const headersTally = new Tally('identity-headers');
    const directTally = new Tally('direct-subgraph');
    afterAll(() => {
      tokensTally.save();
      headersTally.save();
      directTally.save();
    });

    it('forged, tampered, expired and malformed tokens are refused before anything runs', async () => {
      const [a, b] = TENANTS;
      const issuer = platform().issuerPrivateJwk as JWK;
      const gatewayJwk = platform().gatewayPrivateJwk as JWK;
      const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const strangerJwk = await exportJWK(stranger.publicKey);
      const valid = await tokenFor(a, 'analyst');
      const [h, p, s] = valid.split('.') as [string, string, string];
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const sign = async (key: JWK | CryptoKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}, iss = 'kn-dev-issuer', aud = 'kn-graph') =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'EdDSA', ...header })
          .setSubject('mallory')
          .setIssuer(iss)
          .setAudience(aud)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign('kty' in key ? await importJWK(key as JWK, 'EdDSA') : key);
      const victimClaims = { tenant: b, roles: ['admin'] };
      const hmacKey = new TextEncoder().encode(JSON.stringify(platform().issuerPublicJwk));
      const cases: [string, Record<string, string>][] = [
        ['no credentials', {}],
        ['empty bearer', { authorization: 'Bearer ' }],
        ['not a JWT', { authorization: 'Bearer not-a-jwt' }],
        ['basic auth', { authorization: 'Basic ' + Buffer.from('admin:admin').toString('base64') }],
        ['api key header only', { 'x-api-key': 'anything' }],
        ['expired', { authorization: `Bearer ${await tokenFor(b, 'admin', { expiresInSeconds: -60 })}` }],
        ['signed by the gateway key', { authorization: `Bearer ${await sign(gatewayJwk, victimClaims)}` }],
        ['signed by a stranger key', { authorization: `Bearer ${await sign(stranger.privateKey as CryptoKey, victimClaims)}` }],
        ['stranger key embedded in the header (jwk)', { authorization: `Bearer ${await sign(stranger.privateKey as CryptoKey, victimClaims, { jwk: strangerJwk })}` }],
        ['stranger key by URL (jku)', { authorization: `Bearer ${await sign(stranger.privateKey as CryptoKey, victimClaims, { jku: 'http://127.0.0.1:1/jwks.json', kid: 'x' })}` }],
        ['alg none', { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload, ...victimClaims })}.` }],
        ['HS256 with the public key as secret', { authorization: `Bearer ${await new SignJWT({ ...payload, ...victimClaims }).setProtectedHeader({ alg: 'HS256' }).sign(hmacKey)}` }],
        ['payload edited: tenant', { authorization: `Bearer ${h}.${b64({ ...payload, tenant: b })}.${s}` }],
        ['payload edited: roles', { authorization: `Bearer ${h}.${b64({ ...payload, roles: ['admin'] })}.${s}` }],
        ['payload edited: national', { authorization: `Bearer ${h}.${b64({ ...payload, roles: ['national'], tenant: null })}.${s}` }],
        ['signature removed', { authorization: `Bearer ${h}.${p}.` }],
        ['signature of another token', { authorization: `Bearer ${h}.${b64({ ...payload, tenant: b })}.${(await tokenFor(b, 'analyst')).split('.')[2]}` }],
        ['wrong issuer', { authorization: `Bearer ${await sign(issuer, victimClaims, {}, 'evil-issuer')}` }],
        ['wrong audience', { authorization: `Bearer ${await sign(issuer, victimClaims, {}, 'kn-dev-issuer', 'other-api')}` }],
        ['not yet valid (nbf)', { authorization: `Bearer ${await new SignJWT({ ...victimClaims }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('m').setIssuer('kn-dev-issuer').setAudience('kn-graph').setNotBefore(now + 3600).setExpirationTime(now + 7200).sign(await importJWK(issuer, 'EdDSA'))}` }],
        ['unknown critical header', { authorization: `Bearer ${rawSign({ alg: 'EdDSA', crit: ['kn-x'], 'kn-x': 1 }, { ...payload, ...victimClaims }, issuer)}` }],
        ['claims the schema refuses (unknown role)', { authorization: `Bearer ${await sign(issuer, { tenant: b, roles: ['root'] })}` }],
        ['claims the schema refuses (national with a tenant role)', { authorization: `Bearer ${await sign(issuer, { tenant: b, roles: ['national', 'admin'] })}` }],
        ['claims the schema refuses (no tenant)', { authorization: `Bearer ${await sign(issuer, { roles: ['admin'] })}` }],
        ['tenant with SQL in it', { authorization: `Bearer ${await sign(issuer, { tenant: "x' or '1'='1", roles: ['admin'] })}` }],
        ['oversized token', { authorization: `Bearer ${'a'.repeat(12_000)}.${'b'.repeat(2_000)}.c` }],
      ];
      const ops = [probeQuery(a), probeMutation(a)].filter((x): x is NonNullable<typeof x> => x !== null);
      for (const [name, headers] of cases) {
        for (const op of ops) {
          const r = await send(platform().gatewayUrl, {
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(op),
          });
          const refused = r.status === 401 && codesOf(r).every((c) => c === 'UNAUTHENTICATED') && codesOf(r).length > 0;
          const tooLarge = r.status === 431 || r.status === 413;
          tokensTally.attempt(!(refused || tooLarge) || r.body?.data != null, () => `${name}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        }
      }
      expect(tokensTally.leaks).toEqual([]);
    });

    it("identity headers sent by a client are ignored: A's token still reads only A", async () => {
      for (const [a, b] of pairs()) {
        const victimIdentity = await internalIdentity(identityClaims({ tenant: b, role: 'admin' }));
        const headers: [string, Record<string, string>][] = [
          ['x-kn-identity of B (replayed gateway identity)', { 'x-kn-identity': victimIdentity }],
          ['X-KN-Identity of B, other case', { 'X-KN-Identity': victimIdentity }],
          ['x-kn-identity junk', { 'x-kn-identity': 'forged' }],
          ['x-tenant-id', { 'x-tenant-id': b }],
          ['x-tenant', { 'x-tenant': b }],
          ['tenant', { tenant: b }],
          ['x-forwarded-user', { 'x-forwarded-user': `admin@${b}` }],
          ['x-request-id injection', { 'x-request-id': '../../etc/passwd\r\nx-kn-identity: x' }],
          ['cookie', { cookie: `tenant=${b}; x-kn-identity=${victimIdentity}` }],
        ];
        const otherOnly = w.ownedOnly(b);
        for (const role of TENANT_ROLES) {
          const token = await w.tokens.get(w.who(a, role));
          for (const [name, extra] of headers) {
            const op = probeQuery(a);
            let r: Reply;
            try {
              r = await send(platform().gatewayUrl, {
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra },
                body: JSON.stringify(op),
              });
            } catch {
              // fetch itself refuses header values with CR/LF: nothing was sent
              headersTally.attempt(false, () => name);
              continue;
            }
            const found = victimValues(r.body?.data, otherOnly);
            headersTally.attempt(found.length > 0 || r.status >= 500, () => `${a}/${role} with ${name}: got ${b}'s ${found.slice(0, 3).join(', ')} (HTTP ${r.status})`);
          }
        }
      }
      expect(headersTally.leaks).toEqual([]);
    });

    it('subgraphs refuse every call without a genuine, current gateway identity', async () => {
      const [a, b] = TENANTS;
      const issuer = platform().issuerPrivateJwk as JWK;
      const stranger = await exportJWK((await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).privateKey);
      const claims = identityClaims({ tenant: b, role: 'admin' });
      const genuine = await internalIdentity(identityClaims({ tenant: a, role: 'analyst' }));
      const [h, p, s] = genuine.split('.') as [string, string, string];
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const cases: [string, string | null][] = [
        ['no identity', null],
        ['empty identity', ''],
        ['a user token', await tokenFor(b, 'admin')],
        ['signed by the token issuer key', await internalIdentity(claims, { key: issuer })],
        ['signed by a stranger key', await internalIdentity(claims, { key: stranger })],
        ['expired', await internalIdentity(claims, { expiresAt: Math.floor(Date.now() / 1000) - 120 })],
        ['wrong issuer', await internalIdentity(claims, { issuer: 'kn-dev-issuer' })],
        ['wrong audience', await internalIdentity(claims, { audience: 'kn-graph' })],
        ['alg none', `${b64({ alg: 'none' })}.${b64({ ...payload, tenant: b })}.`],
        ['payload edited: tenant', `${h}.${b64({ ...payload, tenant: b })}.${s}`],
        ['payload edited: roles', `${h}.${b64({ ...payload, roles: ['admin'] })}.${s}`],
        ['payload edited: national', `${h}.${b64({ ...payload, roles: ['national'], tenant: null })}.${s}`],
        ['claims refused (unknown role)', await internalIdentity({ ...claims, roles: ['root'] })],
        ['claims refused (no tenant)', await internalIdentity({ sub: 'x', roles: ['admin'] })],
      ];
      for (const sg of w.subgraphs) {
        const q = rootFields(sg.schema, 'query').find((f) => f.args.every((x) => !isNonNullType(x.type)));
        const readOp = q ? `{ ${q.name} ${selection(sg.schema, q.type, { depth: 1, first: 5 })} }` : '{ __typename }';
        const entity = sg.entities.find((e) => e.resolvable && e.keyFields.length === 1);
        const entityOp = entity
          ? {
              query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${entity.type} { ${entity.keyFields[0]} } } }`,
              variables: { r: sample(w.tenants[b]!.store.get(entity.type, entity.keyFields[0]!), 3).map((v) => ({ __typename: entity.type, [entity.keyFields[0]!]: v })) },
            }
          : null;
        for (const [name, identity] of cases) {
          for (const op of [{ query: readOp, variables: {} }, ...(entityOp ? [entityOp] : []), { query: '{ _service { sdl } }', variables: {} }]) {
            const r = await subgraphCall(sg, { tenant: b, role: 'admin' }, op.query, op.variables, identity);
            const refused = r.status === 401 && codesOf(r).includes('UNAUTHENTICATED');
            directTally.attempt(!refused || r.body?.data != null, () => `${sg.name} ${name}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
          }
        }
      }
      expect(directTally.leaks).toEqual([]);
    });
  });

  describe('in PostgreSQL, as each application role', () => {
    const sqlTally = new Tally('sql');
    const poolTally = new Tally('pooled-sql');
    afterAll(() => {
      sqlTally.save();
      poolTally.save();
    });

    it('every table of every schema, with and without the tenant setting: no row of B read, none written', async () => {
      const [a, b] = TENANTS;
      const tables = await withAdmin((c) => allTables(c));
      // Probe rows, chosen so that only the policies can refuse what the probes do. PostgreSQL runs
      // BEFORE triggers and refuses values for GENERATED columns before row-level security is even
      // consulted (constraints and unique indexes come after it): a refusal from those would say
      // nothing about RLS. So, as the superuser, in a transaction rolled back:
      //  - a row of B whose fresh copy (new uuid key, generated columns left out) can be inserted
      //    (or fails only on a constraint or unique index, which PostgreSQL checks after RLS);
      //  - a row of A that an UPDATE may touch (its triggers accept it: a verified contribution is
      //    refused by sponsors.contribution's trigger whatever the tenant).
      const sampleRows = new Map<string, Record<string, unknown>>();
      const movable = new Map<string, Record<string, unknown>>();
      const unprobed: string[] = [];
      await withAdmin(async (c) => {
        const tryIn = async (sql: string, params: unknown[], allowed: string[] = []) => {
          await c.query('savepoint probe');
          try {
            return ((await c.query(sql, params)).rowCount ?? 0) > 0;
          } catch (e) {
            return allowed.includes((e as { code?: string }).code ?? '');
          } finally {
            await c.query('rollback to savepoint probe');
          }
        };
        await c.query('begin');
        try {
          for (const t of tables.filter((x) => x.tenantOwned)) {
            const key = `${t.schema}.${t.table}`;
            const { rows: bRows } = await c.query(`select row_to_json(t) as r from ${qualified(t)} t where tenant_id = $1 limit 20`, [b]);
            for (const { r } of bRows as { r: Record<string, unknown> }[]) {
              const copy = freshCopy(t, r);
              if (await tryIn(insertSql(t, copy), [JSON.stringify(copy)], ['23505', '23503'])) {
                sampleRows.set(key, r);
                break;
              }
            }
            const { rows: aRows } = await c.query(`select row_to_json(t) as r from ${qualified(t)} t where tenant_id = $1 limit 20`, [a]);
            for (const { r } of aRows as { r: Record<string, unknown> }[]) {
              const { where, params } = keyWhere(t, r, 2);
              if (await tryIn(`update ${qualified(t)} set tenant_id = tenant_id where tenant_id = $1 and ${where}`, [a, ...params])) {
                movable.set(key, r);
                break;
              }
            }
            if (!sampleRows.has(key) || !movable.has(key)) unprobed.push(`${key}${bRows.length + aRows.length === 0 ? ' (empty)' : ''}`);
          }
        } finally {
          await c.query('rollback');
        }
      });
      const appUrls = Object.entries(platform().dbUrls).map(([name, u]) => [name, u.app] as const);
      for (const [sgName, url] of appUrls) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          for (const t of tables) {
            const row = sampleRows.get(`${t.schema}.${t.table}`);
            for (const probe of sqlProbes(t, row, movable.get(`${t.schema}.${t.table}`), a, b)) {
              await c.query('begin');
              let outcome: { ok: true; rows: Record<string, unknown>[]; count: number } | { ok: false; code: string; message: string };
              try {
                for (const stmt of probe.setup) await c.query(stmt);
                const res = await c.query(probe.sql, probe.params);
                outcome = { ok: true, rows: res.rows, count: res.rowCount ?? 0 };
              } catch (e) {
                const err = e as { code?: string; message?: string };
                outcome = { ok: false, code: err.code ?? '?', message: err.message ?? '' };
              } finally {
                await c.query('rollback');
              }
              const leaked = probe.leaked(outcome);
              sqlTally.attempt(leaked, () => `${sgName}_app ${probe.name} on ${t.schema}.${t.table}: ${JSON.stringify(outcome).slice(0, 300)}`);
            }
          }
        } finally {
          await c.end();
        }
      }
      sqlTally.note =
        `${appUrls.length} application roles × ${tables.length} tables` +
        (unprobed.length ? `; no row to insert a copy of or to move (write probes on existing rows only) in ${unprobed.join(', ')}` : '');
      expect(sqlTally.leaks).toEqual([]);
    });

    it('one pool, many parallel transactions alternating tenants: each sees only its own rows', async () => {
      const tables = (await withAdmin((c) => allTables(c))).filter((t) => t.tenantOwned);
      for (const [sgName, urls] of Object.entries(platform().dbUrls)) {
        // the tenant-owned tables this role may read (its own schema's)
        const role = decodeURIComponent(new URL(urls.app).username);
        const readable = await withAdmin(async (c) => {
          const out: Table[] = [];
          for (const t of tables) {
            const { rows } = await c.query(`select has_table_privilege($1, $2, 'select') as ok`, [role, qualified(t)]);
            if (rows[0].ok) out.push(t);
          }
          return out;
        });
        const own = readable;
        if (own.length === 0) continue;
        const p = new pg.Pool({ connectionString: urls.app, max: 4 });
        try {
          const tasks = Array.from({ length: 240 }, (_, i) => (i % 3 === 2 ? null : TENANTS[i % 2]!));
          await pool(tasks, 24, async (tenant) => {
            const c = await p.connect();
            try {
              await c.query('begin');
              if (tenant) await c.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
              const union = own.map((t) => `(select tenant_id from ${qualified(t)} limit 20)`).join(' union all ');
              const { rows } = await c.query<{ tenant_id: string }>(union);
              await c.query('commit');
              const foreign = rows.filter((r) => r.tenant_id !== tenant);
              poolTally.attempt(foreign.length > 0, () => `${sgName}_app as ${tenant ?? 'no tenant'} saw ${foreign.length} rows of ${[...new Set(foreign.map((r) => r.tenant_id))].join(', ')}`);
            } finally {
              c.release();
            }
          });
        } finally {
          await p.end();
        }
      }
      expect(poolTally.leaks).toEqual([]);
    });
  });

  describe('pooled connections under concurrent load, through the gateway', () => {
    const tally = new Tally('concurrent-gateway');
    afterAll(() => tally.save());

    it('hundreds of parallel requests alternating tenants and roles: every answer holds only its own tenant', async () => {
      const jobs = Array.from({ length: 400 }, (_, i) => ({ tenant: TENANTS[i % 2]!, role: TENANT_ROLES[Math.floor(i / 2) % TENANT_ROLES.length]! }));
      const op = probeQuery('');
      await pool(jobs, 32, async ({ tenant, role }) => {
        const other = TENANTS.find((t) => t !== tenant)!;
        const r = await gqlRaw(await w.tokens.get(w.who(tenant, role)), op.query, op.variables);
        const found = victimValues(r.body?.data, w.ownedOnly(other));
        const currentTenant = JSON.stringify(r.body?.data ?? {}).match(/"slug":"([^"]+)"/)?.[1];
        tally.attempt(found.length > 0 || (currentTenant !== undefined && currentTenant !== tenant) || r.status >= 500 || r.body?.data == null, () =>
          `${tenant}/${role}: HTTP ${r.status}, ${found.length} values of ${other}${currentTenant && currentTenant !== tenant ? `, currentTenant ${currentTenant}` : ''} ${r.text.slice(0, 200)}`,
        );
      });
      expect(tally.leaks).toEqual([]);
    });
  });

  describe('tenant succession (#18 §2): Đà Nẵng succeeds Quảng Nam', () => {
    const tally = new Tally('lineage');
    afterAll(() => tally.save());

    it('the successor reads its predecessor and nothing else; the predecessor and a third province never read what is the successor’s alone', async () => {
      const dn = w.tenants[SUCCESSOR]!.store;
      const qn = w.tenants[PREDECESSOR]!.store;
      const ls = w.tenants[THIRD]!.store;
      // the successor reads the predecessor's records as its past (programmes, sponsors, twinnings)
      for (const type of ['Program', 'Sponsor', 'Twinning']) {
        const theirs = qn.get(type, 'id');
        expect(theirs.length, `${PREDECESSOR} has no ${type}`).toBeGreaterThan(0);
        const missing = theirs.filter((id) => !dn.ids.has(id));
        expect(missing, `${type}s of ${PREDECESSOR} the successor does not read`).toEqual([]);
      }
      // nothing of the third province
      const thirdOnly = w.ownedOnly(THIRD);
      for (const id of dn.ids) tally.attempt(thirdOnly.has(id), () => `${SUCCESSOR} read ${id} of ${THIRD}`);
      // what only the successor holds (the old Đà Nẵng's units, its own records) reaches neither of the others
      const successorOnly = [...dn.ids].filter((id) => !qn.ids.has(id) && !ls.ids.has(id));
      expect(successorOnly.length, 'the successor holds nothing of its own: the probe could not fail').toBeGreaterThan(0);
      for (const other of [PREDECESSOR, THIRD] as const) {
        const st = w.tenants[other]!.store;
        for (const id of successorOnly) tally.attempt(st.ids.has(id), () => `${other} read ${id}, the successor's alone`);
      }
      // and asked by id: every query field taking an id, as the predecessor and as the third province, with the successor's own ids
      const byId = rootFields(w.schema, 'query').filter(
        (f) =>
          f.args.some((a) => a.name === 'id' && getNamedType(a.type).name === 'ID') &&
          f.args.every((a) => a.name === 'id' || !isNonNullType(a.type)) &&
          isCompositeType(getNamedType(f.type)),
      );
      expect(byId.length).toBeGreaterThan(5);
      for (const other of [PREDECESSOR, THIRD] as const) {
        const token = await w.tokens.get(w.who(other, 'admin'));
        for (const field of byId) {
          for (const id of sample(successorOnly, 3)) {
            const idType = String(field.args.find((a) => a.name === 'id')!.type);
            const r = await gqlRaw(token, `query($id: ${idType}) { ${field.name}(id: $id) { __typename } }`, { id });
            const got = r.body?.data?.[field.name];
            tally.attempt(got != null && !(Array.isArray(got) && got.length === 0), () => `${other}: ${field.name}(id: ${id}) answered ${r.text.slice(0, 200)}`);
          }
        }
      }
      expect(tally.leaks).toEqual([]);
    });
  });

  describe('afterwards', () => {
    const tally = new Tally('writes');
    afterAll(() => tally.save());
    it('the database is exactly as before: no attack wrote anything, anywhere', async () => {
      const changes = diff(before, await snapshot());
      tally.attempt(changes.total > 0, () => `rows changed: ${JSON.stringify(changes.byTable)}`);
      expect(changes.byTable).toEqual({});
    });
  });
});

type Outcome = { ok: true; rows: Record<string, unknown>[]; count: number } | { ok: false; code: string; message: string };
interface Probe {
  name: string;
  setup: string[];
  sql: string;
  params: unknown[];
  leaked(o: Outcome): boolean;
}

/**
 * SQL an attacker holding the application role would try on a table: read and write another
 * tenant's rows with no tenant setting, with its own tenant set, and with the national read-all
 * switch; move its own rows into the other tenant. Refusals must be PostgreSQL's own (42501:
 * row-level security or missing privilege) — any other error means the policies let it through.
 */
function sqlProbes(t: Table, victimRow: Record<string, unknown> | undefined, ownRow: Record<string, unknown> | undefined, a: string, b: string): Probe[] {
  const T = qualified(t);
  const as = (tenant: string) => `select set_config('app.tenant_id', '${tenant}', true)`;
  const readAll = `select set_config('app.read_all', 'on', true)`;
  const refusedOrEmpty = (o: Outcome) => (o.ok ? o.count > 0 : o.code !== '42501');
  const refused = (o: Outcome) => o.ok || o.code !== '42501';
  const probes: Probe[] = [];
  if (t.tenantOwned) {
    probes.push(
      { name: 'select, no tenant set', setup: [], sql: `select * from ${T} limit 5`, params: [], leaked: refusedOrEmpty },
      { name: `select ${b}'s rows as ${a}`, setup: [as(a)], sql: `select * from ${T} where tenant_id <> $1 limit 5`, params: [a], leaked: refusedOrEmpty },
      { name: `update ${b}'s rows as ${a}`, setup: [as(a)], sql: `update ${T} set tenant_id = tenant_id where tenant_id = $1`, params: [b], leaked: refusedOrEmpty },
      { name: `delete ${b}'s rows as ${a}`, setup: [as(a)], sql: `delete from ${T} where tenant_id = $1`, params: [b], leaked: refusedOrEmpty },
      { name: 'update, no tenant set', setup: [], sql: `update ${T} set tenant_id = tenant_id`, params: [], leaked: refusedOrEmpty },
      { name: 'delete, no tenant set', setup: [], sql: `delete from ${T}`, params: [], leaked: refusedOrEmpty },
      { name: `update ${b}'s rows with read_all on`, setup: [as(a), readAll], sql: `update ${T} set tenant_id = tenant_id where tenant_id = $1`, params: [b], leaked: refusedOrEmpty },
      { name: `delete ${b}'s rows with read_all on`, setup: [as(a), readAll], sql: `delete from ${T} where tenant_id = $1`, params: [b], leaked: refusedOrEmpty },
    );
    if (ownRow) {
      // a row of A that the table's triggers let an UPDATE touch: only RLS (WITH CHECK) or a missing
      // privilege may refuse moving it to B
      const { where, params } = keyWhere(t, ownRow, 3);
      probes.push({ name: `move a row of ${a} to ${b}`, setup: [as(a)], sql: `update ${T} set tenant_id = $1 where tenant_id = $2 and ${where}`, params: [b, a, ...params], leaked: refused });
      probes.push({ name: `move a row of ${a} to ${b} with read_all on`, setup: [as(a), readAll], sql: `update ${T} set tenant_id = $1 where tenant_id = $2 and ${where}`, params: [b, a, ...params], leaked: refused });
    }
    if (victimRow) {
      const row = freshCopy(t, victimRow);
      const insert = insertSql(t, row);
      probes.push(
        { name: `insert a row of ${b}, no tenant set`, setup: [], sql: insert, params: [JSON.stringify(row)], leaked: refused },
        { name: `insert a row of ${b} as ${a}`, setup: [as(a)], sql: insert, params: [JSON.stringify(row)], leaked: refused },
        { name: `insert a row of ${b} as ${a} with read_all on`, setup: [as(a), readAll], sql: insert, params: [JSON.stringify(row)], leaked: refused },
      );
    }
  } else if (t.columns.includes('successor_id') && t.columns.includes('predecessor_id')) {
    // the record of tenant successions (#18 §2): each tenant reads the rows naming it; nobody of the
    // application writes it
    const notMine = (o: Outcome) => (o.ok ? o.rows.some((r) => r.successor_id !== a && r.predecessor_id !== a) : o.code !== '42501');
    probes.push(
      { name: 'select successions, no tenant set', setup: [], sql: `select * from ${T}`, params: [], leaked: refusedOrEmpty },
      { name: `select successions as ${a}`, setup: [as(a)], sql: `select * from ${T}`, params: [], leaked: notMine },
      // the national role's switch reads every succession (as it reads every tenant); anything but that or a refusal is wrong
      { name: `select successions with read_all on`, setup: [as(a), readAll], sql: `select * from ${T} where successor_id <> $1 and predecessor_id <> $1`, params: [a], leaked: (o) => !o.ok && o.code !== '42501' },
      {
        name: `record ${a} as ${b}'s successor`,
        setup: [as(a)],
        sql: `insert into ${T} (successor_id, predecessor_id, successor_name, predecessor_name, effective_on, legal_basis, provenance, recorded_by)
              values ($1, $2, 'x', 'x', '2020-01-01', 'x', '{"kind":"SYNTHETIC"}', 'attacker')`,
        params: [a, b],
        leaked: refused,
      },
      { name: 'update successions', setup: [as(a)], sql: `update ${T} set successor_id = $1`, params: [a], leaked: refusedOrEmpty },
      { name: 'delete successions', setup: [as(a)], sql: `delete from ${T}`, params: [], leaked: refusedOrEmpty },
    );
  } else {
    // not tenant-owned (migrations ledger, seed log…): the application role has no business there
    probes.push(
      { name: 'select a table without tenant_id', setup: [], sql: `select * from ${T} limit 1`, params: [], leaked: (o) => o.ok },
      { name: 'delete from a table without tenant_id', setup: [], sql: `delete from ${T}`, params: [], leaked: (o) => o.ok && o.count > 0 },
    );
  }
  return probes;
}

/** `"k1"::text = $n and …` for a row's primary key, parameters from `first`. */
function keyWhere(t: Table, row: Record<string, unknown>, first: number): { where: string; params: string[] } {
  // the key without tenant_id (the statements name the tenant themselves); a table keyed by the
  // tenant alone (one row per tenant) needs nothing more
  const cols = t.primaryKey.filter((k) => k !== 'tenant_id');
  return {
    where: cols.map((k, i) => `"${k}"::text = $${first + i}`).join(' and ') || 'true',
    params: cols.map((k) => String(row[k])),
  };
}

/** INSERT of a row given as JSON ($1), its columns only (generated ones are left out by freshCopy). */
function insertSql(t: Table, row: Record<string, unknown>): string {
  const cols = Object.keys(row);
  return `insert into ${qualified(t)} (${cols.map((c) => `"${c}"`).join(', ')}) select ${cols.map((c) => `r."${c}"`).join(', ')} from json_populate_record(null::${qualified(t)}, $1::json) r`;
}

/**
 * A copy of a row with new values for its uuid key columns (so that only the policies can refuse
 * it), without the columns PostgreSQL computes itself (GENERATED, identity ALWAYS), which no INSERT
 * may give — that refusal would come before row-level security.
 */
function freshCopy(t: Table, row: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...row };
  for (const k of t.computed) delete copy[k];
  for (const k of t.primaryKey) {
    if (k === 'tenant_id') continue;
    if (typeof copy[k] === 'string' && isUuidLike(copy[k] as string)) copy[k] = randomUUID();
  }
  return copy;
}
