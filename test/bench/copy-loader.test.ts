import { describe, expect, it } from 'vitest';
import { copyTenantRows } from '@kn/bench/data/copy';
import { gql, platform, tokenFor, withDb } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

/**
 * The benchmark's COPY loader (bench/src/data/copy.ts) on the communes tables: as the subgraph's
 * owner role, with row-level security in force, all or nothing. No timing is checked here.
 */
describe('benchmark dataset loader (COPY through a staging table under RLS)', () => {
  const load = { table: 'communes.unit_classification', columns: ['tenant_id', 'unit_id', 'classification', 'source'], onConflictDoNothing: true };

  async function communesOf(tenant: string, n: number): Promise<string[]> {
    return withDb(platform().adminDbUrl, async (c) =>
      (await c.query(`select id from communes.admin_unit where tenant_id = $1 and level = 'COMMUNE' order by code, id limit $2`, [tenant, n])).rows.map((r) => r.id as string),
    );
  }

  it('loads rows that the services then read, and a second load writes nothing', async () => {
    const tenant = await createTestTenant('copy');
    const ids = await communesOf(tenant, 3);
    const rows = ids.map((id) => [tenant, id, 'EXTREMELY_DIFFICULT', 'bench:test'] as const);
    const first = await withDb(platform().dbUrls.communes!.owner, (c) => copyTenantRows(c, load, rows));
    expect(first).toEqual({ rows: 3, tenants: 1 });
    const again = await withDb(platform().dbUrls.communes!.owner, (c) => copyTenantRows(c, load, rows));
    expect(again.rows).toBe(0);

    const r = await gql(await tokenFor(tenant, 'analyst'), `query($id: ID!) { commune(id: $id) { classifications } }`, { id: ids[0] });
    expect(r.errors).toBeUndefined();
    expect(r.data.commune.classifications).toContain('EXTREMELY_DIFFICULT');
  });

  it('is all or nothing: one row naming another tenant\'s unit and no row is written', async () => {
    const a = await createTestTenant('copya');
    const b = await createTestTenant('copyb', '11');
    const [ownUnit] = await communesOf(a, 1);
    const [otherUnit] = await communesOf(b, 1);
    const rows = [
      [a, ownUnit!, 'BORDER', 'bench:test'],
      [a, otherUnit!, 'BORDER', 'bench:test'],
    ] as const;
    await expect(withDb(platform().dbUrls.communes!.owner, (c) => copyTenantRows(c, load, rows))).rejects.toThrow();
    const n = await withDb(platform().adminDbUrl, async (c) =>
      Number((await c.query(`select count(*) as n from communes.unit_classification where tenant_id = $1 and source = 'bench:test'`, [a])).rows[0].n),
    );
    expect(n).toBe(0);
  });
});
