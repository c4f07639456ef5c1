import { Field, Int, ObjectType, Directive, type ClassType } from 'type-graphql';
import { Reason } from './reasons.js';
import { refuse } from './validate.js';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Rows follow the last one of this page (in the list’s order).' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the page’s last row: pass it as `after` for the next page.' })
  endCursor!: string | null;
  @Field(() => Boolean, { description: 'Rows precede the first one of this page (in the list’s order).' }) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the page’s first row: pass it as `before` (with `last`) for the previous page.' })
  startCursor!: string | null;
}

export interface ConnectionShape<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Creates `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(name: string, Node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => Node) node!: T;
  }
  @ObjectType(`${name}Connection`, { description: `A page of ${name} with the total count of the whole list.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => Int) totalCount!: number;
    @Field(() => [Node]) nodes!: T[];
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return Connection;
}

/** Validates a page size (`first` or `last`): 0…500, default 50. Over the limit is a BAD_USER_INPUT error, not a silent cap. */
export function pageSize(size: number | null | undefined, field: 'first' | 'last' = 'first'): number {
  if (size == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0) throw refuse(`\`${field}\` must be a non-negative integer`, field, Reason.NOT_A_WHOLE_NUMBER);
  if (size > MAX_PAGE_SIZE) throw refuse(`\`${field}\` is above the largest page size allowed`, field, Reason.TOO_MANY, { max: MAX_PAGE_SIZE });
  return size;
}

/** A row's sort key: the values of the order's columns, as PostgreSQL prints them (text), the id last. */
export type CursorKey = (string | null)[];

/**
 * An opaque cursor: the order it was made under (`signature`, e.g. `contributions:CASH_VND.DESC`)
 * and the row's sort key, so a cursor is only ever used with the order that made it.
 */
export function encodeCursor(signature: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([signature, ...key])).toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` under `signature`, with `arity` key parts. A cursor of
 * another order (or another list) is `CURSOR_ORDER_MISMATCH`; anything else not made here is
 * `INVALID_CURSOR` (both BAD_USER_INPUT).
 */
export function decodeCursor(cursor: string | null | undefined, signature: string, arity: number, field: 'after' | 'before' = 'after'): CursorKey | null {
  if (cursor == null) return null;
  let parts: unknown = null;
  try {
    if (cursor.length <= 4000) parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (Array.isArray(parts) && parts.length >= 1 && typeof parts[0] === 'string' && parts.slice(1).every((v) => v === null || typeof v === 'string')) {
    if (parts[0] !== signature) {
      throw refuse(`\`${field}\` is a cursor of another order of this list (or of another list): use it with the orderBy that made it`, field, Reason.CURSOR_ORDER_MISMATCH);
    }
    if (parts.length === arity + 1) return parts.slice(1) as CursorKey;
  }
  throw refuse(`\`${field}\` is not a cursor returned by this list`, field, Reason.INVALID_CURSOR);
}

/** A connection with no rows (a caller who may see nothing of the list). */
export function emptyConnection<T>(): ConnectionShape<T> {
  return { totalCount: 0, nodes: [], edges: [], pageInfo: { hasNextPage: false, endCursor: null, hasPreviousPage: false, startCursor: null } };
}
