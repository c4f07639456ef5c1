import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor, withDb } from '../support/client.js';

/** Tenants are separated by PostgreSQL itself, and by the application; identity comes only from tokens. */
describe('tenant isolation', () => {
  let ls: string;
  let qn: string;
  let qnCommuneId: string;
  let lsCommuneId: string;
  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
    qnCommuneId = (await gql(qn, `{ commune(code: "20443", asOf: "2020-01-01") { id } }`)).data.commune.id;
    lsCommuneId = (await gql(ls, `{ commune(code: "06148", asOf: "2020-01-01") { id } }`)).data.commune.id;
  });

  it('a lang-son token lists no quang-nam unit, and the reverse', async () => {
    const q = `{ communes(filter: { asOf: "2020-01-01" }, first: 500) { totalCount nodes { province { code } } } }`;
    const a = await gql(ls, q);
    // 1/1/2020: Lạng Sơn's 200 units of 818/NQ-UBTVQH14; Quảng Nam's 244 of 2017 until 1/2/2020 (issue #18 §3)
    expect(a.data.communes.totalCount).toBe(200);
    expect(new Set(a.data.communes.nodes.map((n: { province: { code: string } }) => n.province.code))).toEqual(new Set(['20']));
    const b = await gql(qn, q);
    expect(b.data.communes.totalCount).toBe(244);
    expect(new Set(b.data.communes.nodes.map((n: { province: { code: string } }) => n.province.code))).toEqual(new Set(['49']));
    const search = await gql(ls, `{ communes(filter: { search: "a xan", asOf: "2020-01-01" }) { totalCount } }`);
    expect(search.data.communes.totalCount).toBe(0);
  });

  it("another tenant's id or code behaves exactly like one that does not exist", async () => {
    const byId = await gql(ls, `query($id: ID!) { commune(id: $id) { id name } }`, { id: qnCommuneId });
    const unknown = await gql(ls, `query($id: ID!) { commune(id: $id) { id name } }`, { id: '00000000-0000-5000-8000-000000000000' });
    expect(byId.body).toEqual(unknown.body);
    expect(byId.data.commune).toBeNull();
    const byCode = await gql(ls, `{ commune(code: "20443", asOf: "2020-01-01") { id } province(code: "49", asOf: "2020-01-01") { id } }`);
    expect(byCode.data).toEqual({ commune: null, province: null });
    const reverse = await gql(qn, `query($id: ID!) { commune(id: $id) { id } }`, { id: lsCommuneId });
    expect(reverse.data.commune).toBeNull();
  });

  it('_entities is not a field clients can reach through the gateway', async () => {
    const r = await gql(ls, `{ _entities(representations: [{ __typename: "Commune", id: "${qnCommuneId}" }]) { __typename } }`);
    expect(r.data ?? null).toBeNull();
    expect(codes(r)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('_entities with a genuine gateway identity of lang-son resolves quang-nam references to null', async () => {
    const gatewayKey = await importJWK(platform().gatewayPrivateJwk as JWK, 'EdDSA');
    const identity = await new SignJWT({ tenant: 'lang-son', roles: ['analyst'], via: 'token' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('test')
      .setIssuer('kn-gateway')
      .setAudience('kn-subgraphs')
      .setExpirationTime('1m')
      .sign(gatewayKey);
    const res = await fetch(platform().subgraphUrls.communes!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kn-identity': identity },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { id name } } }`,
        variables: { r: [{ __typename: 'Commune', id: qnCommuneId }, { __typename: 'Commune', id: lsCommuneId }] },
      }),
    });
    const body = (await res.json()) as { data: { _entities: ({ name: string } | null)[] } };
    expect(body.data._entities[0]).toBeNull();
    expect(body.data._entities[1]).toMatchObject({ name: 'Thanh Long' });
  });

  it('no, malformed, forged or expired tokens are UNAUTHENTICATED before anything runs', async () => {
    const q = `{ communes(first: 1) { totalCount } }`;
    const none = await gql(null, q);
    expect(none.status).toBe(401);
    expect(codes(none)).toEqual(['UNAUTHENTICATED']);
    expect((await gql('not-a-jwt', q)).status).toBe(401);
    const expired = await tokenFor('lang-son', 'analyst', { expiresInSeconds: -60 });
    const e = await gql(expired, q);
    expect(e.status).toBe(401);
    expect(codes(e)).toEqual(['UNAUTHENTICATED']);
    // signed with a key the gateway does not trust (its own internal key, not the issuer's)
    const forged = await new SignJWT({ tenant: 'quang-nam', roles: ['admin'] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('mallory')
      .setIssuer('kn-dev-issuer')
      .setAudience('kn-graph')
      .setExpirationTime('1h')
      .sign(await importJWK(platform().gatewayPrivateJwk as JWK, 'EdDSA'));
    expect(codes(await gql(forged, q))).toEqual(['UNAUTHENTICATED']);
    // a token whose payload was edited after signing
    const [h, p, s] = ls.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = [h, Buffer.from(JSON.stringify({ ...payload, tenant: 'quang-nam' })).toString('base64url'), s].join('.');
    expect(codes(await gql(tampered, q))).toEqual(['UNAUTHENTICATED']);
  });

  it('a client cannot smuggle an identity header through the gateway', async () => {
    const r = await gql(ls, `{ currentTenant { slug } }`, undefined, { headers: { 'x-kn-identity': 'forged' } });
    expect(r.data.currentTenant.slug).toBe('lang-son');
  });

  it('subgraphs refuse calls that do not carry an identity signed by the gateway', async () => {
    const url = platform().subgraphUrls.communes!;
    const body = JSON.stringify({ query: '{ communes(first: 1) { totalCount } }' });
    const bare = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    // a user token is not a gateway identity
    const user = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kn-identity': ls }, body });
    expect(user.status).toBe(401);
  });

  it('the national role reads every tenant, and its tenant-free identity cannot write', async () => {
    const nat = await tokenFor(null, 'national');
    const r = await gql(nat, `{ tenants { slug name }
      ls: communes(filter: { asOf: "2020-01-01", provinceCode: "20" }, first: 1) { totalCount }
      qn: communes(filter: { asOf: "2020-01-01", provinceCode: "49" }, first: 1) { totalCount } }`);
    expect(r.data.tenants.map((t: { slug: string }) => t.slug)).toEqual(expect.arrayContaining(['lang-son', 'quang-nam']));
    expect(r.data.ls.totalCount).toBe(200);
    // Quảng Nam's units of 2020 are held by quang-nam and by its successor da-nang (#18 §2)
    expect(r.data.qn.totalCount).toBe(2 * 244);
    const w = await gql(nat, `mutation($id: ID!) { setCommuneClassifications(communeId: $id, classifications: []) { id } }`, { id: lsCommuneId });
    expect(codes(w)).toEqual(['FORBIDDEN']);
  });
});

describe('row-level security in PostgreSQL, as the application role', () => {
  const app = () => platform().dbUrls.communes!.app;

  it('without a tenant setting the role sees nothing', async () => {
    await withDb(app(), async (c) => {
      for (const t of ['tenant', 'admin_unit', 'unit_succession', 'unit_classification', 'audit_log']) {
        const { rows } = await c.query(`select count(*)::int as n from communes.${t}`);
        expect(rows[0].n, t).toBe(0);
      }
    });
  });

  it("with tenant A set, tenant B's rows are invisible and writing them fails", async () => {
    await withDb(app(), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', 'lang-son', true)`);
      const own = await c.query(`select count(*)::int as n from communes.admin_unit`);
      expect(own.rows[0].n).toBeGreaterThan(0);
      const other = await c.query(`select count(*)::int as n from communes.admin_unit where tenant_id = 'quang-nam'`);
      expect(other.rows[0].n).toBe(0);
      const upd = await c.query(`update communes.admin_unit set name = 'x' where tenant_id = 'quang-nam'`);
      expect(upd.rowCount).toBe(0);
      const del = await c.query(`delete from communes.unit_classification where tenant_id = 'quang-nam'`);
      expect(del.rowCount).toBe(0);
      await c.query('savepoint s');
      await expect(
        c.query(`insert into communes.unit_classification (tenant_id, unit_id, classification)
                 select 'quang-nam', id, 'BORDER' from communes.admin_unit limit 1`),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback to savepoint s');
      await c.query('rollback');
    });
  });

  it('cannot switch row-level security off, take ownership, or edit the audit trail', async () => {
    await withDb(app(), async (c) => {
      await expect(c.query('alter table communes.admin_unit disable row level security')).rejects.toThrow(/must be owner/);
      await expect(c.query('alter table communes.admin_unit no force row level security')).rejects.toThrow(/must be owner/);
      await expect(c.query('drop policy tenant_read on communes.admin_unit')).rejects.toThrow(/must be owner/);
      await c.query('set row_security = off');
      await expect(c.query('select * from communes.admin_unit')).rejects.toThrow(/row-level security/);
      await c.query('reset row_security');
      await expect(c.query(`update communes.audit_log set actor = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from communes.audit_log`)).rejects.toThrow(/permission denied/);
      const { rows } = await c.query(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
      expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    });
  });

  it('a pooled connection used by tenant A and then by tenant B carries nothing over', async () => {
    await withDb(app(), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', 'lang-son', true)`);
      await c.query('commit');
      const after = await c.query(`select current_setting('app.tenant_id', true) as t, count(*)::int as n from communes.admin_unit`);
      expect(after.rows[0].n).toBe(0);
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', 'quang-nam', true)`);
      const b = await c.query(`select distinct tenant_id from communes.admin_unit`);
      expect(b.rows.map((r) => r.tenant_id)).toEqual(['quang-nam']);
      await c.query('rollback');
    });
  });

  it('every table of the schema has row-level security enabled and forced', async () => {
    await withDb(platform().adminDbUrl, async (c) => {
      const { rows } = await c.query(`
        select c.relname, c.relrowsecurity, c.relforcerowsecurity,
               (select count(*) from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname and p.policyname like 'tenant_%')::int as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'communes' and c.relkind = 'r'
           and c.relname not in ('mikro_orm_migrations', 'seed_log')`);
      expect(rows.length).toBeGreaterThanOrEqual(5);
      for (const r of rows) {
        // the record of successions names two tenants: its own policies (succession_read, succession_write)
        const policies = r.relname === 'tenant_succession' ? 0 : 4;
        expect(r, r.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true, policies });
      }
      const own = await c.query(`select policyname from pg_policies where schemaname = 'communes' and tablename = 'tenant_succession' order by 1`);
      expect(own.rows.map((r) => r.policyname)).toEqual(['succession_read', 'succession_write']);
    });
  });
});
