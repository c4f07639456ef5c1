import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor, withDb } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

/** Writes are for a tenant's admin only, atomic, and leave one audit record each. */
describe('classifications: roles and audit', () => {
  // this test makes its own tenant (Cao Bằng's real units) so it can write freely
  let tenant: string;
  let admin: string;
  let communeId: string;

  beforeAll(async () => {
    tenant = await createTestTenant('audit');
    admin = await tokenFor(tenant, 'admin', { sub: 'alice@caobang' });
    communeId = (await gql(admin, `{ communes(filter: { asOf: "2020-01-01" }, first: 1) { nodes { id } } }`)).data.communes.nodes[0].id;
  });

  const auditRows = () =>
    withDb(platform().adminDbUrl, async (c) =>
      (await c.query(`select * from communes.audit_log where tenant_id = $1 and operation not like 'seed:%' order by at`, [tenant])).rows,
    );

  const SET = `mutation($id: ID!, $c: [CommuneClassification!]!) { setCommuneClassifications(communeId: $id, classifications: $c) { id classifications } }`;

  it('an admin sets classifications; one audit row records who, tenant, when, before and after', async () => {
    const r1 = await gql(admin, SET, { id: communeId, c: ['BORDER', 'EXTREMELY_DIFFICULT'] });
    expect(r1.errors).toBeUndefined();
    expect(r1.data.setCommuneClassifications.classifications).toEqual(['BORDER', 'EXTREMELY_DIFFICULT']);
    const r2 = await gql(admin, SET, { id: communeId, c: ['BORDER'] });
    expect(r2.data.setCommuneClassifications.classifications).toEqual(['BORDER']);

    const rows = await auditRows();
    expect(rows).toHaveLength(2);
    const [first, second] = rows;
    expect(first).toMatchObject({ tenant_id: tenant, actor: 'alice@caobang', actor_roles: ['admin'], operation: 'setCommuneClassifications' });
    expect(first.request_id).toBe(r1.requestId);
    expect(Date.now() - new Date(first.at).getTime()).toBeLessThan(60_000);
    expect(first.changes).toHaveLength(2);
    expect(Object.values(first.before)).toEqual([null, null]);
    expect(Object.values(first.after).map((a: any) => a.classification).sort()).toEqual(['BORDER', 'EXTREMELY_DIFFICULT']);
    expect(second.changes).toEqual([expect.objectContaining({ entity: 'UnitClassification', type: 'delete' })]);
    expect(Object.values(second.before)[0]).toMatchObject({ classification: 'EXTREMELY_DIFFICULT' });
    expect(Object.values(second.after)).toEqual([null]);
  });

  it('officers, analysts, sponsors and other tenants cannot; nothing is written', async () => {
    const before = (await auditRows()).length;
    for (const roles of ['officer', 'analyst'] as const) {
      const r = await gql(await tokenFor(tenant, roles), SET, { id: communeId, c: [] });
      expect(codes(r), roles).toEqual(['FORBIDDEN']);
    }
    const sponsor = await tokenFor(tenant, 'sponsor', { scope: { sponsorId: 's1' } });
    expect(codes(await gql(sponsor, SET, { id: communeId, c: [] }))).toEqual(['FORBIDDEN']);
    const otherAdmin = await tokenFor('lang-son', 'admin');
    expect(codes(await gql(otherAdmin, SET, { id: communeId, c: [] }))).toEqual(['NOT_FOUND']);
    expect((await auditRows()).length).toBe(before);
    const now = await gql(admin, `query($id: ID!) { commune(id: $id) { classifications } }`, { id: communeId });
    expect(now.data.commune.classifications).toEqual(['BORDER']);
  });

  it('LOWLAND is refused for a commune, and nothing changes', async () => {
    const r = await gql(admin, SET, { id: communeId, c: ['LOWLAND'] });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const now = await gql(admin, `query($id: ID!) { commune(id: $id) { classifications } }`, { id: communeId });
    expect(now.data.commune.classifications).toEqual(['BORDER']);
  });
});
