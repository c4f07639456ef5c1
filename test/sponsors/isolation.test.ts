import { seedIds } from '@kn/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, platform, tokenFor, withDb } from '../support/client.js';
import { adminSql, ok } from './support.js';

const TABLES = [
  'cycle_deadline', 'sponsor', 'twinning', 'needs_proposal', 'needs_item', 'yearly_plan', 'plan_item',
  'import_batch', 'contribution', 'idempotency_key', 'api_key', 'audit_log',
  // the reporting chain (issue 14 §2, docs/WORKFLOW.md)
  'review_chain', 'review_transition', 'review_version', 'review_comment',
  // the maintained totals (issue 16)
  'contribution_total_category', 'contribution_total_commune', 'contribution_total_sponsor', 'contribution_total_commune_detail',
  // evidence files (issue 15 §3, docs/FILES.md) and the outbox (issue 14 §3, docs/NOTIFICATIONS.md)
  'stored_file', 'file_chunk', 'file_attachment', 'outbox',
];

describe('sponsors: tenant isolation through the graph', () => {
  let ls: string;
  let qn: string;
  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
  });

  it("a province sees only its own sponsors, twinnings, plans and contributions; another's ids are not found", async () => {
    const q = `query($s: ID!, $t: ID!) { sponsors(first: 500) { totalCount nodes { code } } twinnings(first: 500) { totalCount }
      sponsor(id: $s) { id } twinning(id: $t) { id } yearlyPlans(first: 1) { totalCount } cycleDeadlines { step } }`;
    const qnIds = { s: seedIds.sponsor('quang-nam', 'QN-BDT'), t: seedIds.of('twinning', 'quang-nam', 'QN-20443-BP') };
    const a = ok(await gql(ls, q, qnIds));
    expect(a.sponsor).toBeNull();
    expect(a.twinning).toBeNull();
    expect(a.sponsors.nodes.every((n: any) => !n.code.startsWith('QN-'))).toBe(true);
    expect(a.cycleDeadlines).toEqual([]); // Lạng Sơn sets no deadlines
    const b = ok(await gql(qn, q, qnIds));
    expect(b.sponsor).toEqual({ id: qnIds.s });
    expect(b.cycleDeadlines.map((d: any) => d.step)).toEqual(['NEEDS_PROPOSAL', 'YEARLY_PLAN']);
    const [counts] = await adminSql(
      `select (select count(*) from sponsors.sponsor where tenant_id = 'lang-son')::int as ls_sponsors,
              (select count(*) from sponsors.twinning where tenant_id = 'lang-son')::int as ls_twinnings`,
    );
    expect(a.sponsors.totalCount).toBe(counts.ls_sponsors);
    expect(a.twinnings.totalCount).toBe(counts.ls_twinnings);
    // a quang-nam commune asked through lang-son: no twinnings, no money
    const qnCommune = seedIds.unit('quang-nam', 'COMMUNE', '20443', 'old');
    const c = await gql(ls, `query($id: ID!) { twinnings(filter: { communeId: $id }) { totalCount } contributionTotals(filter: { communeId: $id }, groupBy: []) { count } }`, { id: qnCommune });
    expect(ok(c)).toEqual({ twinnings: { totalCount: 0 }, contributionTotals: [{ count: 0 }] });
  });

  it('_entities with a lang-son identity resolves quang-nam sponsors and twinnings to null', async () => {
    const { importJWK, SignJWT } = await import('jose');
    const key = await importJWK(platform().gatewayPrivateJwk as never, 'EdDSA');
    const identity = await new SignJWT({ tenant: 'lang-son', roles: ['analyst'], via: 'token' })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject('test').setIssuer('kn-gateway').setAudience('kn-subgraphs')
      .setExpirationTime('1m').sign(key);
    const res = await fetch(platform().subgraphUrls.sponsors!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kn-identity': identity },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sponsor { code } ... on Twinning { code } } }`,
        variables: {
          r: [
            { __typename: 'Sponsor', id: seedIds.sponsor('quang-nam', 'QN-BDT') },
            { __typename: 'Twinning', id: seedIds.of('twinning', 'quang-nam', 'QN-20443-BP') },
            { __typename: 'Sponsor', id: seedIds.sponsor('lang-son', 'BDBP') },
          ],
        },
      }),
    });
    const body = (await res.json()) as { data: { _entities: unknown[] } };
    expect(body.data._entities).toEqual([null, null, { code: 'BDBP' }]);
  });
});

describe('sponsors: row-level security in PostgreSQL, as the application role', () => {
  const app = () => platform().dbUrls.sponsors!.app;

  it('without a tenant setting the role sees nothing, in any table', async () => {
    await withDb(app(), async (c) => {
      for (const t of TABLES) {
        const { rows } = await c.query(`select count(*)::int as n from sponsors.${t}`);
        expect(rows[0].n, t).toBe(0);
      }
    });
  });

  it("with tenant A set, tenant B's rows are invisible and writing them fails, in every table", async () => {
    const [seeded] = await adminSql(`select count(*)::int as n from sponsors.contribution where tenant_id = 'quang-nam'`);
    expect(seeded.n).toBeGreaterThan(0);
    await withDb(app(), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', 'lang-son', true)`);
      for (const t of TABLES) {
        const other = await c.query(`select count(*)::int as n from sponsors.${t} where tenant_id = 'quang-nam'`);
        expect(other.rows[0].n, t).toBe(0);
      }
      for (const t of ['sponsor', 'contribution', 'yearly_plan', 'audit_log'] as const) {
        const own = await c.query(`select count(*)::int as n from sponsors.${t}`);
        expect(own.rows[0].n, t).toBeGreaterThan(0);
      }
      const upd = await c.query(`update sponsors.sponsor set name = 'x' where tenant_id = 'quang-nam'`);
      expect(upd.rowCount).toBe(0);
      const del = await c.query(`delete from sponsors.plan_item where tenant_id = 'quang-nam'`);
      expect(del.rowCount).toBe(0);
      await c.query('savepoint s');
      await expect(
        c.query(`insert into sponsors.sponsor (tenant_id, id, code, name, search_key, kind) values ('quang-nam', gen_random_uuid(), 'X', 'X', 'x', 'OTHER')`),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback to savepoint s');
      await expect(
        c.query(`insert into sponsors.cycle_deadline (tenant_id, step, month, day) values ('quang-nam', 'YEARLY_PLAN', 1, 1)`),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback to savepoint s');
      // moving a row of one's own tenant to another is refused too
      await expect(c.query(`update sponsors.sponsor set tenant_id = 'quang-nam' where code = 'BDBP'`)).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });

  it('cannot switch row-level security off, edit the audit trail, delete contributions or edit a verified one', async () => {
    await withDb(app(), async (c) => {
      await expect(c.query('alter table sponsors.contribution disable row level security')).rejects.toThrow(/must be owner/);
      await expect(c.query('alter table sponsors.contribution no force row level security')).rejects.toThrow(/must be owner/);
      await expect(c.query('drop policy tenant_read on sponsors.twinning')).rejects.toThrow(/must be owner/);
      await c.query('set row_security = off');
      await expect(c.query('select * from sponsors.sponsor')).rejects.toThrow(/row-level security/);
      await c.query('reset row_security');
      await expect(c.query(`update sponsors.audit_log set actor = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from sponsors.audit_log`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from sponsors.contribution`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from sponsors.idempotency_key`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`select * from sponsors.seed_log`)).rejects.toThrow(/permission denied/);
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', 'lang-son', true)`);
      await expect(c.query(`update sponsors.contribution set cash_vnd = 1 where status = 'VERIFIED'`)).rejects.toThrow(/verified/);
      await c.query('rollback');
    });
  });

  it('every table of the schema has row-level security enabled and forced, with the four policies', async () => {
    const rows = await adminSql(`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (select count(*) from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname and p.policyname like 'tenant_%')::int as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'sponsors' and c.relkind = 'r' and c.relname not in ('mikro_orm_migrations', 'seed_log')
       order by c.relname`);
    expect(rows.map((r) => r.relname).sort()).toEqual([...TABLES].sort());
    for (const r of rows) expect(r, r.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true, policies: 4 });
  });

  it('every index of a tenant table leads with tenant_id', async () => {
    const rows = await adminSql(`
      select i.relname as index, a.attname as first_column
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
       where n.nspname = 'sponsors' and t.relname not in ('mikro_orm_migrations', 'seed_log')`);
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) expect(r.first_column, r.index).toBe('tenant_id');
  });
});
