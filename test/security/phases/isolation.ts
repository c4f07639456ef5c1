import { createPrivateKey, randomUUID, sign as edSign } from 'node:crypto';
import { generateKeyPair, exportJWK, SignJWT, importJWK, type CryptoKey, type JWK } from 'jose';
import { isNonNullType, type GraphQLField } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@kn/platform/identity';
import { platform, tokenFor } from '../../support/client.js';
import { allTables, qualified, snapshot, diff, withAdmin, type Snapshot, type Table } from '../support/db.js';
import { fillerOf, sample } from '../support/harvest.js';
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

/** A value shaped like `v` that exists nowhere: a fresh UUID, or the same characters classes (20443 → 99999). */
function lookalike(v: string, known: (s: string) => boolean): string {
  if (isUuidLike(v)) return randomUUID();
  for (const [d, l, u] of [
    ['9', 'z', 'Z'],
    ['8', 'y', 'Y'],
    ['7', 'x', 'X'],
  ] as const) {
    const s = v.replace(/[0-9]/g, d).replace(/[a-z]/g, l).replace(/[A-Z]/g, u);
    if (!known(s)) return s;
  }
  return `${v}-nonexistent`;
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

/** A reply as a comparable text: status, data, and errors' codes, paths and messages, with the probed value masked. */
function normalise(r: Reply, value: string): string {
  const maskText = (s: string) => (value.length >= 5 ? s.split(value).join('<V>') : s).replace(UUID_RE, '<uuid>').replace(/sec-<uuid>/g, '<rid>');
  const maskData = (v: unknown): unknown => {
    if (typeof v === 'string') return v === value ? '<V>' : v.replace(UUID_RE, '<uuid>');
    if (Array.isArray(v)) return v.map(maskData);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskData(x)]));
    return v;
  };
  const errors = errorsOf(r).map((e) => ({ code: e.extensions?.code, path: e.path, message: maskText(e.message) }));
  return JSON.stringify({ status: r.status, data: maskData(r.body?.data ?? null), errors });
}

describe.skipIf(!phaseEnabled('isolation'))('isolation', () => {
  let w: World;
  let before: Snapshot;
  const known = (s: string) => TENANTS.some((t) => w.tenants[t]!.store.ids.has(s) || [...w.tenants[t]!.store.values.values()].some((m) => [...m.values()].some((set) => set.has(s))));
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
    const mine = new Set(leaf.target.kind === 'id' ? [...a.ids] : leaf.target.entity ? a.get(leaf.target.entity, 'code') : []);
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
    afterAll(() => {
      fieldsTally.note = `${probed} values probed, ${live} of them visible to their own tenant with the same arguments`;
      fieldsTally.save();
      listsTally.save();
    });

    it("every query and mutation field, every role of A, against B's ids and codes: indistinguishable from nothing", async () => {
      const jobs: (() => Promise<void>)[] = [];
      for (const [attacker, victim] of pairs()) {
        const victimOnly = w.ownedOnly(victim);
        for (const kind of ['query', 'mutation'] as const) {
          for (const field of rootFields(w.schema, kind)) {
            const sel = selection(w.schema, field.type, { depth: 2, first: 5 });
            for (const leaf of targetLeaves(w.schema, field)) {
              for (const value of victimValuesFor(leaf, attacker, victim, kind === 'query' ? 4 : 3)) {
                jobs.push(async () => {
                  const fake = lookalike(value, known);
                  // the arguments with which the VICTIM sees this value (queries): that is the attack
                  const base = requiredArgs(w.schema, field, fillerOf(w.tenants[attacker]!.store, attacker));
                  let args = setAt(base, leaf.path, value);
                  if (kind === 'query') {
                    probed++;
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
                    const hit = await run(kind, field, args, sel, token);
                    const miss = await run(kind, field, setAt(args, leaf.path, fake), sel, token);
                    const found = victimValues(hit.body?.data, victimOnly, value);
                    const differs = normalise(hit, value) !== normalise(miss, fake);
                    const server = hit.status >= 500;
                    fieldsTally.attempt(found.length > 0 || differs || server, () =>
                      `${whoName(who)} ${kind} ${field.name}(${leaf.path.join('.')}=${value} of ${victim})` +
                      (found.length ? ` returned ${victim}'s ${found.slice(0, 3).join(', ')}` : '') +
                      (differs ? ` answered differently from a value that does not exist: ${normalise(hit, value).slice(0, 300)} vs ${normalise(miss, fake).slice(0, 300)}` : '') +
                      (server ? ` HTTP ${hit.status}` : ''),
                    );
                  }
                });
              }
            }
          }
        }
      }
      await pool(jobs, 6, (job) => job());
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

  function run(kind: 'query' | 'mutation', field: Field, args: Record<string, unknown>, sel: string, token: string, url?: string) {
    const op = operation(kind, field, args, sel);
    return gqlRaw(token, op.query, op.variables, url ? { url } : {});
  }

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
            for (const value of values) {
              for (const role of TENANT_ROLES) {
                jobs.push(async () => {
                  const who = w.who(attacker, role);
                  const fake = lookalike(value, known);
                  const hit = await subgraphCall(sg, who, query, { r: [{ __typename: entity.type, [keyField]: value }] });
                  const miss = await subgraphCall(sg, who, query, { r: [{ __typename: entity.type, [keyField]: fake }] });
                  const found = victimValues(hit.body?.data, victimOnly, value);
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
      // a real row of B for every tenant-owned table (inserting a copy tests the policies, not the constraints)
      const sampleRows = new Map<string, Record<string, unknown>>();
      await withAdmin(async (c) => {
        for (const t of tables) {
          const { rows } = await c.query(`select row_to_json(t) as r from ${qualified(t)} t ${t.tenantOwned ? 'where tenant_id = $1' : ''} limit 1`, t.tenantOwned ? [b] : []);
          if (rows[0]) sampleRows.set(`${t.schema}.${t.table}`, rows[0].r as Record<string, unknown>);
        }
      });
      const appUrls = Object.entries(platform().dbUrls).map(([name, u]) => [name, u.app] as const);
      for (const [sgName, url] of appUrls) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          for (const t of tables) {
            const row = sampleRows.get(`${t.schema}.${t.table}`);
            for (const probe of sqlProbes(t, row, a, b)) {
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
      sqlTally.note = `${appUrls.length} application roles × ${tables.length} tables`;
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
function sqlProbes(t: Table, victimRow: Record<string, unknown> | undefined, a: string, b: string): Probe[] {
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
      { name: `move ${a}'s rows to ${b}`, setup: [as(a)], sql: `update ${T} set tenant_id = $1 where tenant_id = $2`, params: [b, a], leaked: refusedOrEmpty },
      { name: `update ${b}'s rows with read_all on`, setup: [as(a), readAll], sql: `update ${T} set tenant_id = tenant_id where tenant_id = $1`, params: [b], leaked: refusedOrEmpty },
      { name: `delete ${b}'s rows with read_all on`, setup: [as(a), readAll], sql: `delete from ${T} where tenant_id = $1`, params: [b], leaked: refusedOrEmpty },
    );
    if (victimRow) {
      const row = freshCopy(t, victimRow);
      const cols = Object.keys(row);
      const insert = `insert into ${T} (${cols.map((c) => `"${c}"`).join(', ')}) select ${cols.map((c) => `r."${c}"`).join(', ')} from json_populate_record(null::${T}, $1::json) r`;
      probes.push(
        { name: `insert a row of ${b}, no tenant set`, setup: [], sql: insert, params: [JSON.stringify(row)], leaked: refused },
        { name: `insert a row of ${b} as ${a}`, setup: [as(a)], sql: insert, params: [JSON.stringify(row)], leaked: refused },
        { name: `insert a row of ${b} as ${a} with read_all on`, setup: [as(a), readAll], sql: insert, params: [JSON.stringify(row)], leaked: refused },
      );
    }
  } else {
    // not tenant-owned (migrations ledger, seed log…): the application role has no business there
    probes.push(
      { name: 'select a table without tenant_id', setup: [], sql: `select * from ${T} limit 1`, params: [], leaked: (o) => o.ok },
      { name: 'delete from a table without tenant_id', setup: [], sql: `delete from ${T}`, params: [], leaked: (o) => o.ok && o.count > 0 },
    );
  }
  return probes;
}

/** A copy of a row with new values for its uuid key columns (so only the policies can refuse it). */
function freshCopy(t: Table, row: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...row };
  for (const k of t.primaryKey) {
    if (k === 'tenant_id') continue;
    if (typeof copy[k] === 'string' && isUuidLike(copy[k] as string)) copy[k] = randomUUID();
  }
  return copy;
}
