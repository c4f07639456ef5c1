import { randomUUID } from 'node:crypto';
type MikroORM = Awaited<ReturnType<typeof createOrm>>;
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestContext, drainCommits, sessionSettings } from '@kn/platform/context';
import type { Identity } from '@kn/platform/identity';
import { createOrm, SqlCounter } from '@kn/platform/orm';
import { setLocalSql } from '@kn/platform/session';
import { requestScope } from '@kn/platform/sql-counter';
import { gql, platform, tokenFor } from '../support/client.js';

/**
 * The most dangerous code of the platform (issue 16): the request's transaction begins with BEGIN
 * and the tenant's settings in ONE message, and a read-only request's COMMIT is not waited for.
 * The tenant must still be set before the first statement of every transaction, for every tenant,
 * however requests interleave on a small pool.
 */
const identity = (tenant: string | null): Identity => ({
  subject: `test:${tenant ?? 'national'}`,
  tenant,
  roles: [tenant ? 'analyst' : 'national'],
  sponsorId: null,
  scope: null,
  via: 'token',
  predecessors: [],
  succeededOn: null,
});

describe('transaction plumbing: BEGIN and the settings in one message', () => {
  let orm: MikroORM;
  const counter = new SqlCounter();
  const sent: { sql: string; requestId: string | undefined }[] = [];

  beforeAll(async () => {
    counter.trace = (sql, requestId) => sent.push({ sql, requestId });
    // a pool of 2: forty requests of three tenants must share two connections
    orm = await createOrm({ url: platform().dbUrls.communes!.app, schema: 'communes', entities: [], poolMax: 2, counter });
    await orm.connect();
  });
  afterAll(async () => {
    await drainCommits();
    await orm?.close();
  });

  /** One request's work: what its transaction sees, read as the app role under RLS. */
  async function asRequest(tenant: string | null, operation: 'query' | 'mutation' = 'query') {
    const requestId = `plumb-${randomUUID()}`;
    return requestScope.run({ requestId }, async () => {
      const ctx = new RequestContext(orm, 'communes', identity(tenant), requestId);
      ctx.operation = operation;
      const em = await ctx.em();
      const [row] = await em.execute<{ tenant: string | null; read_all: string | null; ro: string; tenants: string[] | null }[]>(
        `select current_setting('app.tenant_id', true) as tenant, current_setting('app.read_all', true) as read_all,
                current_setting('transaction_read_only') as ro,
                (select array_agg(distinct tenant_id order by tenant_id) from communes.admin_unit) as tenants`,
      );
      const afterFirst = counter.forRequest(requestId);
      await ctx.finish(true);
      return { requestId, row: row!, afterFirst };
    });
  }

  it('sends the settings as SET LOCAL in BEGIN’s own message: one round trip before the first statement', async () => {
    const { requestId, row, afterFirst } = await asRequest('lang-son');
    expect(row).toEqual({ tenant: 'lang-son', read_all: 'off', ro: 'on', tenants: ['lang-son'] });
    // BEGIN+settings, the select: two messages, one of them plumbing
    expect(afterFirst).toMatchObject({ statements: 2, plumbing: 1, plumbingWaited: 1 });
    const mine = sent.filter((s) => s.requestId === requestId).map((s) => s.sql);
    expect(mine[0]).toBe(
      `start transaction read only; set local app.tenant_id = 'lang-son'; set local app.read_all = 'off'; ` +
        `set local app.scoped = 'off'; set local app.scope_units = '{}'; set local app.scope_sponsors = '{}'; ` +
        `set local app.tenant_lineage = '{}'; set local app.tenant_succeeded = 'off'`,
    );
    await drainCommits();
    // the COMMIT went out after the answer, and is counted as not waited for
    expect(counter.forRequest(requestId)).toMatchObject({ statements: 3, plumbing: 2, plumbingWaited: 1 });
    expect(sent.filter((s) => s.requestId === requestId).map((s) => s.sql)[2]).toBe('commit');
  });

  it('a mutation’s transaction is read-write, carries the same settings, and its COMMIT is waited for', async () => {
    const { requestId, row } = await asRequest('quang-nam', 'mutation');
    expect(row).toEqual({ tenant: 'quang-nam', read_all: 'off', ro: 'off', tenants: ['quang-nam'] });
    // counted before drainCommits: nothing of a mutation is left in flight
    expect(counter.forRequest(requestId)).toMatchObject({ statements: 3, plumbing: 2, plumbingWaited: 2 });
  });

  it('the national role reads every tenant; an empty tenant setting reads nothing', async () => {
    const { row } = await asRequest(null);
    expect(row.read_all).toBe('on');
    expect(row.tenant).toBe('');
    expect(row.tenants).toEqual(expect.arrayContaining(['lang-son', 'quang-nam']));
  });

  it('forty interleaved requests of three tenants on a pool of two each see exactly their own tenant', async () => {
    const tenants = Array.from({ length: 40 }, (_, i) => [null, 'lang-son', 'quang-nam'][i % 3]!);
    const results = await Promise.all(tenants.map((t, i) => asRequest(t, i % 4 === 3 ? 'mutation' : 'query')));
    results.forEach(({ row }, i) => {
      const t = tenants[i]!;
      if (t === null) expect(row).toMatchObject({ tenant: '', read_all: 'on' });
      else expect(row).toMatchObject({ tenant: t, read_all: 'off', tenants: [t] });
    });
    await drainCommits();
    // after every COMMIT the pooled connections carry no setting over (SET LOCAL ends with its transaction)
    const conn = orm.em.getConnection();
    for (let i = 0; i < 4; i++) {
      const [r] = await conn.execute<{ tenant: string | null; n: number }[]>(
        `select current_setting('app.tenant_id', true) as tenant, (select count(*)::int from communes.admin_unit) as n`,
      );
      expect(r!.n).toBe(0);
      expect(r!.tenant ?? '').toBe('');
    }
  });

  it('a value is sent exactly, whatever quotes or backslashes it holds, and a bad name is refused', async () => {
    const odd = `o'brien\\'; set local app.read_all = 'on`;
    const { row } = await asRequest(odd);
    expect(row.tenant).toBe(odd);
    expect(row.read_all).toBe('off');
    expect(row.tenants).toBeNull();
    expect(() => setLocalSql({ 'app.x; drop table y': 'v' })).toThrow(/invalid session setting name/);
    expect(() => setLocalSql({ 'app.x': 'a\u0000b' })).toThrow(/NUL/);
  });

  it('the settings map is the one place the settings come from', () => {
    expect(sessionSettings(identity('lang-son'))).toMatchObject({ 'app.tenant_id': 'lang-son', 'app.read_all': 'off' });
    expect(sessionSettings(identity(null))).toMatchObject({ 'app.tenant_id': '', 'app.read_all': 'on' });
  });
});

describe('through the gateway', () => {
  it('every subgraph request waits for one round trip of plumbing at most (queries), two for a mutation', async () => {
    const token = await tokenFor('lang-son', 'analyst');
    const requestId = `plumb-gw-${randomUUID()}`;
    const r = await gql(token, `{ currentTenant { slug } communes(first: 5) { nodes { id name } } }`, undefined, { requestId });
    expect(r.errors).toBeUndefined();
    let requests = 0;
    let waited = 0;
    for (const url of Object.values(platform().subgraphUrls)) {
      const res = await fetch(url.replace(/\/graphql$/, `/debug/sql/${encodeURIComponent(requestId)}`));
      const c = (await res.json()) as { requests: number; plumbing: number; plumbingWaited: number };
      requests += c.requests;
      waited += c.plumbingWaited;
      if (c.requests) expect(c.plumbing).toBe(2 * c.requests); // BEGIN+settings, COMMIT
    }
    expect(requests).toBeGreaterThan(0);
    expect(waited).toBe(requests);
  });

  it('mixed tenants’ identical requests at once each get their own tenant’s answer', async () => {
    const tokens = {
      'lang-son': await tokenFor('lang-son', 'analyst'),
      'quang-nam': await tokenFor('quang-nam', 'analyst'),
    };
    const query = `{ currentTenant { slug } communes(first: 30) { nodes { province { code } } } }`;
    const order = Array.from({ length: 60 }, (_, i) => (i % 2 ? 'lang-son' : 'quang-nam') as keyof typeof tokens);
    const answers = await Promise.all(order.map((t) => gql(tokens[t], query)));
    answers.forEach((a, i) => {
      expect(a.data?.currentTenant?.slug).toBe(order[i]);
      const codes = new Set(a.data.communes.nodes.map((n: { province: { code: string } }) => n.province.code));
      expect([...codes]).toEqual([order[i] === 'lang-son' ? '20' : '48']);
    });
  });
});
