import type { PageArgs, ResolvedOrder, SortKey } from './ordering.js';
import { isUuid } from './ids.js';
import type { ConnectionShape, CursorKey } from './pagination.js';
import { decodeCursor, encodeCursor, pageSize } from './pagination.js';
import { Reason } from './reasons.js';
import { refuse } from './validate.js';

/** What runs a statement: an EntityManager's `execute`, or anything with that shape. */
export interface SqlExecutor {
  execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

export interface KeysetPageQuery<T> {
  /** The whole filtered list, as one `select … from … where …` (no order, no limit). */
  list: string;
  params: readonly unknown[];
  /** Common table expressions the list reads, without `with` (e.g. `pairs as (…)`), and their parameters (they come first). */
  with?: { sql: string; params: readonly unknown[] };
  /** The order (`Ordering.resolve(orderBy)`): every key a column of `list`, the id last. */
  order: ResolvedOrder;
  /** `first`/`after` or `last`/`before`, as the caller gave them. */
  page: PageArgs;
  toNode: (row: Record<string, unknown>) => T;
}

/** Which way to read, how many rows, from where. */
function pageWindow(page: PageArgs, order: ResolvedOrder) {
  const backward = page.last != null || page.before != null;
  if (page.first != null && page.last != null) throw refuse('Give `first` or `last`, not both', 'last', Reason.INCONSISTENT);
  if (page.after != null && page.before != null) throw refuse('Give `after` or `before`, not both', 'before', Reason.INCONSISTENT);
  if (backward && page.first != null) throw refuse('`before` pages backwards: give `last` with it, not `first`', 'first', Reason.INCONSISTENT);
  if (backward && page.after != null) throw refuse('`last` pages backwards: give `before` with it, not `after`', 'after', Reason.INCONSISTENT);
  const limit = backward ? pageSize(page.last, 'last') : pageSize(page.first, 'first');
  const field = backward ? 'before' : 'after';
  const cursor = decodeCursor(backward ? page.before : page.after, order.signature, order.keys.length, field);
  // a cursor is the client's text: every value must be one PostgreSQL casts back, or it is refused
  // here (a forged date is INVALID_CURSOR, never a database error)
  if (cursor?.some((v, i) => v !== null && !castable(order.keys[i]!.cast, v)) || cursor?.some((v, i) => v === null && !order.keys[i]!.nullable)) {
    throw refuse(`\`${field}\` is not a cursor returned by this list`, field, Reason.INVALID_CURSOR);
  }
  return { backward, limit, cursor };
}

const INT_RANGE: Record<string, bigint> = { int: 2n ** 31n, smallint: 2n ** 15n, bigint: 2n ** 63n };

/** Whether PostgreSQL casts `v` to `cast` without an error (the forms its own `::text` prints). */
function castable(cast: string | undefined, v: string): boolean {
  switch (cast ?? 'text') {
    case 'text':
      return !v.includes('\u0000');
    case 'uuid':
      return isUuid(v);
    case 'int':
    case 'smallint':
    case 'bigint': {
      if (!/^-?[0-9]{1,19}$/.test(v)) return false;
      const n = BigInt(v);
      const max = INT_RANGE[cast!]!;
      return n < max && n >= -max;
    }
    case 'numeric':
      return /^-?[0-9]{1,100}(\.[0-9]{1,100})?$/.test(v);
    case 'date':
      return isDay(v);
    case 'timestamptz': {
      const m = /^([0-9]{4}-[0-9]{2}-[0-9]{2}) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?[+-][0-9]{2}(:[0-9]{2})?$/.exec(v);
      return m != null && isDay(m[1]!);
    }
    default:
      return false;
  }
}

const isDay = (v: string) => v >= '0001' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

const expr = (alias: string, k: SortKey) => `${alias}.${k.column}${k.collate ? ` collate "${k.collate}"` : ''}`;

/**
 * The rows strictly beyond the cursor `k` in the order of `keys` (directions may be mixed, so no
 * row comparison): (a beyond) or (a = and b beyond) or … Nulls sort last ascending and first
 * descending; never null itself, so `not (…)` is "at or before the cursor".
 */
function beyond(keys: SortKey[], cursor: CursorKey): string {
  return keys
    .map((key, i) => {
      const same = keys.slice(0, i).map((kj, j) => `${expr('f', kj)} is not distinct from k.k${j}`);
      const c = expr('f', key);
      let past: string;
      if (!key.descending) past = cursor[i] == null ? 'false' : key.nullable ? `(${c} > k.k${i} or ${c} is null)` : `${c} > k.k${i}`;
      else past = cursor[i] == null ? `${c} is not null` : key.nullable ? `(${c} is not null and ${c} < k.k${i})` : `${c} < k.k${i}`;
      return `(${[...same, past].join(' and ')})`;
    })
    .join(' or ');
}

/**
 * A keyset page and the total count of the whole list in ONE statement, whatever the order, the
 * page size or the direction (also past the end of the list: the count does not depend on the
 * page). Backwards (`last`/`before`) reads the reversed order and reverses the page. Each row's
 * cursor is its sort key as PostgreSQL prints it, with the order's signature; whether rows lie on
 * the other side of the cursor (`hasPreviousPage` forwards, `hasNextPage` backwards) is counted in
 * the same statement. Cursor values are bound after the list's own parameters by construction.
 */
export async function keysetPage<T>(db: SqlExecutor, q: KeysetPageQuery<T>): Promise<ConnectionShape<T>> {
  const { backward, limit, cursor } = pageWindow(q.page, q.order);
  const keys = backward ? q.order.keys.map((k) => ({ ...k, descending: !k.descending })) : q.order.keys;
  const orderBy = (alias: string) => keys.map((k) => `${expr(alias, k)} ${k.descending ? 'desc' : 'asc'}`).join(', ');
  const cte = cursor ? `, k as (select ${keys.map((k, i) => `?::${k.cast ?? 'text'} as k${i}`).join(', ')})` : '';
  const cond = cursor ? beyond(keys, cursor) : '';
  const rows = await db.execute(
    `${q.with ? `with ${q.with.sql},` : 'with'} f as (${q.list})${cte},
          c as (select count(*) as total_count${cursor ? `, count(*) filter (where not (${cond})) > 0 as kn_behind` : ''} from f${cursor ? ', k' : ''})
     select page.*, c.* from c left join lateral (
       select true as page_row, f.*, ${keys.map((k, i) => `f.${k.column}::text as kn_key${i}`).join(', ')}
         from f${cursor ? `, k where ${cond}` : ''} order by ${orderBy('f')} limit ?) page on true
     order by ${orderBy('page')}`,
    [...(q.with?.params ?? []), ...q.params, ...(cursor ?? []), limit + 1],
  );
  const total = Number(rows[0]?.total_count ?? 0);
  const behind = rows[0]?.kn_behind === true;
  const read = rows.filter((r) => r.page_row != null);
  const page = read.slice(0, limit);
  if (backward) page.reverse();
  const edges = page.map((row) => ({
    cursor: encodeCursor(q.order.signature, keys.map((_, i) => (row[`kn_key${i}`] as string | null) ?? null)),
    node: q.toNode(row),
  }));
  const more = read.length > limit;
  return {
    totalCount: total,
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage: backward ? behind : more,
      hasPreviousPage: backward ? more : behind,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
