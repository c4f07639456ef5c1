import pg from 'pg';
import { platform } from '../../support/client.js';

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface Table {
  schema: string;
  table: string;
  columns: string[];
  /** Has a `tenant_id` column: tenant-owned, row-level security expected. */
  tenantOwned: boolean;
  primaryKey: string[];
  /** Columns PostgreSQL computes itself (GENERATED ALWAYS AS …, identity ALWAYS): no INSERT may give them. */
  computed: string[];
}

export const qualified = (t: Pick<Table, 'schema' | 'table'>) => `${ident(t.schema)}.${ident(t.table)}`;

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: platform().adminDbUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every ordinary table of every application schema, read from pg_catalog (nothing hard-coded). */
export async function allTables(c: pg.ClientBase): Promise<Table[]> {
  const { rows } = await c.query<{ schema: string; table: string; columns: string[]; computed: string[]; pk: string[] | null }>(`
    select n.nspname as schema, cl.relname as table,
           array(select a.attname::text from pg_attribute a
                  where a.attrelid = cl.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
           array(select a.attname::text from pg_attribute a
                  where a.attrelid = cl.oid and a.attnum > 0 and not a.attisdropped
                    and (a.attgenerated <> '' or a.attidentity = 'a') order by a.attnum) as computed,
           (select array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, ord)
                           join pg_attribute a on a.attrelid = cl.oid and a.attnum = k.attnum order by k.ord)
              from pg_index i where i.indrelid = cl.oid and i.indisprimary) as pk
      from pg_class cl join pg_namespace n on n.oid = cl.relnamespace
     where cl.relkind in ('r', 'p')
       and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
       and n.nspname not like 'pg_temp%'
     order by 1, 2`);
  return rows.map((r) => ({
    schema: r.schema,
    table: r.table,
    columns: r.columns,
    tenantOwned: r.columns.includes('tenant_id'),
    primaryKey: r.pk ?? [],
    computed: r.computed,
  }));
}

/** Per table: an md5 per row (as a multiset), to compare the whole database before and after. */
export type Snapshot = Map<string, Map<string, number>>;

export async function snapshot(): Promise<Snapshot> {
  return withAdmin(async (c) => {
    const out: Snapshot = new Map();
    for (const t of await allTables(c)) {
      const { rows } = await c.query<{ h: string; n: string }>(`select md5(t::text) as h, count(*) as n from ${qualified(t)} t group by 1`);
      out.set(`${t.schema}.${t.table}`, new Map(rows.map((r) => [r.h, Number(r.n)])));
    }
    return out;
  });
}

/** One checksum per table, as a superuser: `md5(string_agg(row, ',' order by row))`. */
export async function checksums(): Promise<Map<string, string>> {
  return withAdmin(async (c) => {
    const out = new Map<string, string>();
    for (const t of await allTables(c)) {
      const { rows } = await c.query<{ sum: string | null; n: string }>(
        `select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as sum, count(*) as n from ${qualified(t)} t`,
      );
      out.set(`${t.schema}.${t.table}`, `${rows[0]!.n}:${rows[0]!.sum}`);
    }
    return out;
  });
}

/** Rows inserted, deleted or changed between two snapshots (an update counts once per side), by table. */
export function diff(before: Snapshot, after: Snapshot): { total: number; byTable: Record<string, number> } {
  const byTable: Record<string, number> = {};
  let total = 0;
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(name) ?? new Map<string, number>();
    const b = after.get(name) ?? new Map<string, number>();
    let n = 0;
    for (const k of new Set([...a.keys(), ...b.keys()])) n += Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0));
    if (n) {
      byTable[name] = n;
      total += n;
    }
  }
  return { total, byTable };
}

/** Open connections by user and state, from pg_stat_activity (client backends of our database). */
export async function connections(): Promise<Record<string, Record<string, number>>> {
  return withAdmin(async (c) => {
    const { rows } = await c.query<{ usename: string; state: string | null; n: number }>(`
      select usename, coalesce(state, 'none') as state, count(*)::int as n
        from pg_stat_activity
       where backend_type = 'client backend' and datname = current_database() and pid <> pg_backend_pid()
       group by 1, 2`);
    const out: Record<string, Record<string, number>> = {};
    for (const r of rows) (out[r.usename] ??= {})[r.state ?? 'none'] = r.n;
    return out;
  });
}
