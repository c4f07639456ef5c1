import { Field, Int, ObjectType, Directive, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
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

/** Validates `first`: 1…500, default 50. Over the limit is a BAD_USER_INPUT error, not a silent cap. */
export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw badInput('`first` must be a non-negative integer', { field: 'first' });
  if (first > MAX_PAGE_SIZE) throw badInput('`first` is above the largest page size allowed', { field: 'first' });
  return first;
}

export type CursorKey = (string | number | null)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes an opaque cursor made by `encodeCursor`, checking it has `arity` scalar parts. */
export function decodeCursor(cursor: string | null | undefined, arity: number): CursorKey | null {
  if (cursor == null) return null;
  try {
    if (cursor.length > 1000) throw new Error('too long');
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return key as CursorKey;
    }
  } catch {
    // fall through
  }
  throw badInput('`after` is not a cursor returned by this list', { field: 'after' });
}

/** Builds a connection from `limit + 1` fetched rows (the extra one tells whether a next page exists). */
export function toConnection<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  keyOf: (row: T) => CursorKey,
): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    totalCount,
    nodes: page,
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
