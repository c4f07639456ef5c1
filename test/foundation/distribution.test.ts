import { describe, expect, it } from 'vitest';
import { platform, withDb } from '../support/client.js';

/**
 * Citus readiness, proven over the catalog (docs/SCALING.md §3): every table a subgraph owns can be
 * distributed by `tenant_id` and co-located with the others. Citus itself cannot be installed here
 * (not in Debian's archive, and PostgreSQL 18 needs Citus 14), so these tests check what Citus
 * would require of the schema, on the real migrated database, so that a new table cannot break it.
 */

/** Owner-only bookkeeping that would stay a local table on the coordinator (never joined, no tenant). */
const LOCAL_TABLES: Record<string, string> = {
  mikro_orm_migrations: 'migration bookkeeping of each schema, owner only',
  seed_log: 'which demo seeds were applied, owner only',
  tenant_succession: 'the platform’s record of which tenant succeeded which: a row names two tenants; read alone, never joined (a Citus reference table)',
};

interface TableRow {
  schema: string;
  table: string;
  hasTenant: boolean;
  rls: boolean;
  forced: boolean;
}

const APP_SCHEMAS_SQL = `
  select n.nspname from pg_namespace n
  where n.nspname not in ('public', 'information_schema') and n.nspname not like 'pg\\_%'
    and exists (select 1 from pg_roles r where r.rolname = 'kn_' || n.nspname || '_app')`;

async function catalog<T>(sql: string): Promise<T[]> {
  return withDb(platform().adminDbUrl, async (c) => (await c.query(sql)).rows as T[]);
}

describe('Citus readiness: distribution by tenant_id', () => {
  it('every table of every subgraph schema is tenant-owned (tenant_id, forced RLS) or a named local table', async () => {
    const tables = await catalog<TableRow>(`
      select n.nspname as schema, c.relname as "table",
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "hasTenant",
             c.relrowsecurity as rls, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname in (${APP_SCHEMAS_SQL})
      order by 1, 2`);
    expect(tables.length).toBeGreaterThan(20);
    const schemas = new Set(tables.map((t) => t.schema));
    for (const s of ['communes', 'programs', 'sponsors', 'evaluations']) expect(schemas).toContain(s);
    const wrong = tables
      .filter((t) => !(t.table in LOCAL_TABLES))
      .filter((t) => !t.hasTenant || !t.rls || !t.forced)
      .map((t) => `${t.schema}.${t.table}${t.hasTenant ? '' : ' (no tenant_id)'}${t.rls && t.forced ? '' : ' (RLS not forced)'}`);
    expect(wrong, 'a table without tenant_id cannot be co-located; name it in LOCAL_TABLES with a reason only if it is never joined').toEqual([]);
  });

  it('tenant_id is in every primary key and every unique constraint or unique index', async () => {
    const indexes = await catalog<{ schema: string; table: string; index: string; primary: boolean; columns: string[] }>(`
      select n.nspname as schema, t.relname as "table", i.relname as index, x.indisprimary as primary,
             array(select a.attname from unnest(x.indkey) k join pg_attribute a on a.attrelid = t.oid and a.attnum = k)::text[] as columns
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      where (x.indisunique or x.indisprimary) and n.nspname in (${APP_SCHEMAS_SQL})`);
    const tenantTables = await catalog<{ schema: string; table: string }>(`
      select n.nspname as schema, c.relname as "table" from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname in (${APP_SCHEMAS_SQL})
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`);
    const isTenant = new Set(tenantTables.map((t) => `${t.schema}.${t.table}`));
    const relevant = indexes.filter((i) => isTenant.has(`${i.schema}.${i.table}`));
    expect(relevant.filter((i) => i.primary).length).toBe(isTenant.size); // every tenant table has a primary key
    const missing = relevant.filter((i) => !i.columns.includes('tenant_id')).map((i) => `${i.schema}.${i.table}: ${i.index} (${i.columns.join(', ')})`);
    expect(missing, 'Citus enforces uniqueness per shard only: tenant_id must be part of it').toEqual([]);
  });

  it('every foreign key joins a tenant row to a row of the same tenant (tenant_id to tenant_id)', async () => {
    const fks = await catalog<{ schema: string; table: string; name: string; from: string[]; to: string[]; target: string }>(`
      select n.nspname as schema, t.relname as "table", con.conname as name,
             array(select a.attname from unnest(con.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o)::text[] as "from",
             array(select a.attname from unnest(con.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o)::text[] as "to",
             tn.nspname || '.' || tt.relname as target
      from pg_constraint con
      join pg_class t on t.oid = con.conrelid join pg_namespace n on n.oid = t.relnamespace
      join pg_class tt on tt.oid = con.confrelid join pg_namespace tn on tn.oid = tt.relnamespace
      where con.contype = 'f' and n.nspname in (${APP_SCHEMAS_SQL})`);
    expect(fks.length).toBeGreaterThan(10);
    const wrong = fks
      .filter((f) => {
        const i = f.from.indexOf('tenant_id');
        return i < 0 || f.to[i] !== 'tenant_id';
      })
      .map((f) => `${f.schema}.${f.table}.${f.name} (${f.from.join(', ')}) → ${f.target} (${f.to.join(', ')})`);
    expect(wrong, 'a foreign key must pair tenant_id with tenant_id, or it could join two tenants’ rows across shards').toEqual([]);
    // and no foreign key crosses schemas: each subgraph owns its tables
    expect(fks.filter((f) => f.target.split('.')[0] !== f.schema).map((f) => `${f.schema}.${f.table}.${f.name} → ${f.target}`)).toEqual([]);
  });

  it('the policies read a tenant set with SET LOCAL (the form Citus propagates to its workers), for that transaction only', async () => {
    const url = platform().dbUrls.communes!.app;
    await withDb(url, async (c) => {
      await c.query('begin read only');
      await c.query(`set local app.tenant_id = 'lang-son'`);
      const inside = await c.query(`select distinct tenant_id from communes.admin_unit`);
      await c.query('commit');
      expect(inside.rows.map((r) => r.tenant_id)).toEqual(['lang-son']);
      await c.query('begin read only');
      await c.query(`set local app.tenant_id = 'quang-nam'`);
      const other = await c.query(`select distinct tenant_id from communes.admin_unit`);
      await c.query('commit');
      expect(other.rows.map((r) => r.tenant_id)).toEqual(['quang-nam']);
      // LOCAL ends with the transaction: afterwards the same connection sees no tenant's rows
      const after = await c.query(`select count(*)::int as n from communes.admin_unit`);
      expect(after.rows[0].n).toBe(0);
      expect((await c.query(`select current_setting('app.tenant_id', true) as v`)).rows[0].v ?? '').toBe('');
    });
  });
});
