import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';
import { Reason } from './reasons.js';
import { refuse } from './validate.js';

/** PostgreSQL's ICU collation for Vietnamese: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; tones after letters. */
export const VIETNAMESE_COLLATION = 'vi-VN-x-icu';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Which way a list is sorted on one of its order fields.',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest, first in Vietnamese dictionary order first; rows without a value last.' },
    DESC: { description: 'Largest, latest, last in Vietnamese dictionary order first; rows without a value first.' },
  },
});

/** One key of an `orderBy`: `{ field, direction }`. */
export interface OrderClause<F extends string = string> {
  field: F;
  direction: OrderDirection;
}

/** A column of the list that an order field sorts on, with the SQL type of its cursor value. */
export interface OrderColumn {
  /** A column of the list's `select` (no alias). */
  column: string;
  /** The SQL type its cursor value is cast back to (`date`, `bigint`, `int`, `uuid`; default `text`). */
  cast?: string;
  /** A collation (`VIETNAMESE_COLLATION` for names and titles). */
  collate?: string;
  /** May be null: nulls sort last ascending, first descending (PostgreSQL's rule), and cursors keep that. */
  nullable?: boolean;
}

/** A sort key of a page: the column and its direction. */
export interface SortKey extends OrderColumn {
  descending: boolean;
}

/** What a list is sorted by, the tie-break on the id last; `signature` names it in cursors. */
export interface ResolvedOrder {
  signature: string;
  keys: SortKey[];
}

/** `first`/`after` forwards, `last`/`before` backwards, and the order. */
export interface PageArgs<F extends string = string> {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  orderBy?: readonly OrderClause<F>[] | null;
}

export interface Ordering<F extends string> {
  /** The `<Name>OrderField` enum (its values are the field names). */
  Field: { [K in F]: K };
  /** The `<Name>Order` input. */
  Order: ClassType<OrderClause<F>>;
  /** The order to page by: `orderBy` (or the list's default), then the id in the last key's direction. */
  resolve(orderBy: readonly OrderClause<F>[] | null | undefined): ResolvedOrder;
}

/**
 * Declares the orders a connection offers: its `<Name>OrderField` enum (a value per field analysts
 * sort by, with the column it sorts on), its `<Name>Order` input, and its default order (what the
 * list was sorted by before `orderBy` existed). An unknown field is refused by GraphQL validation
 * (enum); a field named twice is `DUPLICATE_ORDER_FIELD`. Ties are always broken on `tieBreak`
 * (the id, unique in the list) in the direction of the last key, so a default such as "newest
 * first" and `orderBy: [{ field: CONTRIBUTED_ON, direction: DESC }]` are the same order and share
 * cursors.
 */
export function defineOrdering<const F extends string>(
  name: string,
  spec: {
    /** The list's name in cursors (`communes`): a cursor of another list is refused too. */
    list: string;
    fields: Record<F, OrderColumn & { description: string }>;
    /** The default order (no `orderBy`, or an empty one). */
    default: readonly OrderClause<NoInfer<F>>[];
    /** Unique within the list; default `{ column: 'id', cast: 'uuid' }`. */
    tieBreak?: OrderColumn;
  },
): Ordering<F> {
  const names = Object.keys(spec.fields) as F[];
  const Values = Object.fromEntries(names.map((n) => [n, n])) as { [K in F]: K };
  registerEnumType(Values, {
    name: `${name}OrderField`,
    description: `What a list of ${name} can be sorted by (\`orderBy\`); the id always breaks ties.`,
    valuesConfig: Object.fromEntries(names.map((n) => [n, { description: spec.fields[n].description }])) as never,
  });

  @InputType(`${name}Order`, { description: `One key of the order of a list of ${name}: a field and a direction.` })
  class Order implements OrderClause<F> {
    @Field(() => Values) field!: F;
    @Field(() => OrderDirection) direction!: OrderDirection;
  }

  const tieBreak: OrderColumn = spec.tieBreak ?? { column: 'id', cast: 'uuid' };
  return {
    Field: Values,
    Order,
    resolve(orderBy) {
      const clauses = orderBy?.length ? orderBy : spec.default;
      const seen = new Set<string>();
      for (const c of clauses) {
        if (seen.has(c.field)) throw refuse(`\`orderBy\` names ${c.field} more than once`, 'orderBy', Reason.DUPLICATE_ORDER_FIELD);
        seen.add(c.field);
      }
      const keys: SortKey[] = clauses.map((c) => {
        const { description: _, ...column } = spec.fields[c.field];
        return { ...column, descending: c.direction === OrderDirection.DESC };
      });
      if (!keys.some((k) => k.column === tieBreak.column)) {
        keys.push({ ...tieBreak, nullable: false, descending: keys.at(-1)?.descending ?? false });
      }
      return { signature: `${spec.list}:${clauses.map((c) => `${c.field}.${c.direction}`).join(',')}`, keys };
    },
  };
}

/** The descriptions of a connection's paging arguments, the same on every list. */
export const ORDER_BY = 'The order of the list, key by key (default: the order the list describes); the id always breaks ties. A cursor is valid only with the order that made it.';
export const PAGE_LAST = 'Page backwards: the last rows (≤ 500) before `before`, or of the whole list; with `before`, not with `first`/`after`.';
export const PAGE_BEFORE = 'The `startCursor` (or an edge’s cursor) of the page after the one wanted, for `last`.';
