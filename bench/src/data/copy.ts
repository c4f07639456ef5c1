import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ClientBase } from 'pg';
import copyStreams from 'pg-copy-streams';

/** A value as PostgreSQL's COPY text format writes it. */
export type CopyValue = string | number | bigint | boolean | Date | null | undefined | readonly (string | number | null)[];

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** `schema.table` → `"schema"."table"`. */
const qualified = (name: string) => name.split('.').map(ident).join('.');

function escapeText(s: string): string {
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

function arrayLiteral(items: readonly (string | number | null)[]): string {
  return `{${items
    .map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`))
    .join(',')}}`;
}

/** One field of a COPY text-format line: `\N` for null, backslash escapes, ISO dates, array literals. */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`COPY: not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeText(arrayLiteral(v));
  throw new Error(`COPY: unsupported value ${String(v)}`);
}

/** One COPY text-format line, newline included. */
export function copyLine(row: readonly CopyValue[]): string {
  return `${row.map(copyField).join('\t')}\n`;
}

/** Streams rows into `table (columns)` with `COPY … FROM STDIN`, in chunks of lines. Returns the row count. */
export async function copyInto(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  let count = 0;
  function* lines() {
    let chunk = '';
    for (const row of rows) {
      if (row.length !== columns.length) throw new Error(`COPY ${table}: row has ${row.length} values, expected ${columns.length}`);
      chunk += copyLine(row);
      count++;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  const sink = client.query(copyStreams.from(`copy ${qualified(table)} (${columns.map(ident).join(', ')}) from stdin`));
  await pipeline(Readable.from(lines()), sink);
  return count;
}

export interface TenantTableLoad {
  /** Qualified table, e.g. `communes.unit_classification`. */
  table: string;
  columns: readonly string[];
  /** Index of the `tenant_id` column in `columns`. */
  tenantColumn?: number;
  /** `on conflict do nothing` when rows may already be there (idempotent loads). */
  onConflictDoNothing?: boolean;
}

/**
 * Loads rows into a tenant-owned table, the way the platform's rules allow: connected as the
 * subgraph's OWNER role (never a superuser), with row-level security in force.
 *
 * PostgreSQL refuses `COPY FROM` into a table with row-level security (and every tenant table here
 * has FORCE ROW LEVEL SECURITY), so the rows are COPYed into a temporary staging table first, then
 * moved with one `INSERT … SELECT` per tenant inside a transaction that sets `app.tenant_id`: the
 * tables' policies check every row (`WITH CHECK`), exactly as for the services' own writes.
 */
export async function copyTenantRows(
  client: ClientBase,
  load: TenantTableLoad,
  rows: Iterable<readonly CopyValue[]>,
): Promise<{ rows: number; tenants: number }> {
  const tcol = load.tenantColumn ?? load.columns.indexOf('tenant_id');
  if (tcol < 0) throw new Error(`${load.table}: no tenant_id column among ${load.columns.join(', ')}`);
  const stage = `kn_stage_${load.table.replace(/\W/g, '_')}`;
  const cols = load.columns.map(ident).join(', ');
  await client.query('begin');
  try {
    await client.query(`create temp table ${ident(stage)} (like ${qualified(load.table)} including defaults) on commit drop`);
    const tenants = new Set<string>();
    const staged = await copyInto(client, `pg_temp.${stage}`, load.columns, (function* () {
      for (const row of rows) {
        tenants.add(String(row[tcol]));
        yield row;
      }
    })());
    let inserted = 0;
    for (const tenant of [...tenants].sort()) {
      await client.query(`select set_config('app.tenant_id', $1, true), set_config('app.read_all', 'off', true)`, [tenant]);
      const r = await client.query(
        `insert into ${qualified(load.table)} (${cols}) select ${cols} from ${ident(stage)} where ${ident(load.columns[tcol]!)} = $1
         ${load.onConflictDoNothing ? 'on conflict do nothing' : ''}`,
        [tenant],
      );
      inserted += r.rowCount ?? 0;
    }
    await client.query(`select set_config('app.tenant_id', '', true)`);
    await client.query('commit');
    if (staged < inserted) throw new Error('more rows inserted than staged');
    return { rows: inserted, tenants: tenants.size };
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  }
}

/**
 * The batched-insert alternative (for tables COPY cannot reach, e.g. through triggers): one
 * `INSERT … SELECT * FROM unnest(…)` per batch and tenant, typed by `types` (PostgreSQL array types
 * such as `text[]`, `uuid[]`, `bigint[]`), inside the tenant's transaction.
 */
export async function insertTenantBatches(
  client: ClientBase,
  load: TenantTableLoad & { types: readonly string[]; batchSize?: number },
  rows: Iterable<readonly CopyValue[]>,
): Promise<{ rows: number; tenants: number }> {
  const tcol = load.tenantColumn ?? load.columns.indexOf('tenant_id');
  const byTenant = new Map<string, (readonly CopyValue[])[]>();
  for (const row of rows) {
    const t = String(row[tcol]);
    const list = byTenant.get(t);
    if (list) list.push(row);
    else byTenant.set(t, [row]);
  }
  const size = load.batchSize ?? 5000;
  const cols = load.columns.map(ident).join(', ');
  const unnest = load.types.map((t, i) => `$${i + 1}::${t}`).join(', ');
  let inserted = 0;
  for (const [tenant, list] of [...byTenant].sort(([a], [b]) => a.localeCompare(b))) {
    await client.query('begin');
    try {
      await client.query(`select set_config('app.tenant_id', $1, true), set_config('app.read_all', 'off', true)`, [tenant]);
      for (let i = 0; i < list.length; i += size) {
        const batch = list.slice(i, i + size);
        const params = load.columns.map((_, c) => batch.map((r) => (r[c] === undefined ? null : r[c])));
        const r = await client.query(
          `insert into ${qualified(load.table)} (${cols}) select * from unnest(${unnest}) ${load.onConflictDoNothing ? 'on conflict do nothing' : ''}`,
          params,
        );
        inserted += r.rowCount ?? 0;
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    }
  }
  return { rows: inserted, tenants: byTenant.size };
}
