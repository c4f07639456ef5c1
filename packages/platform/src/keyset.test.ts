import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { keysetPage, type SqlExecutor } from './keyset.js';
import { defineOrdering, OrderDirection, VIETNAMESE_COLLATION } from './ordering.js';
import { encodeCursor } from './pagination.js';

const Things = defineOrdering('KeysetTestThing', {
  list: 'things',
  fields: {
    NAME: { column: 'name', collate: VIETNAMESE_COLLATION, description: 'name' },
    DAY: { column: 'day', cast: 'date', nullable: true, description: 'day' },
    AMOUNT: { column: 'amount', cast: 'bigint', description: 'amount' },
  },
  default: [{ field: 'DAY', direction: OrderDirection.DESC }],
});

/** Records the statement; answers no rows (the SQL itself is exercised end to end in test/foundation/ordering.test.ts). */
function recorder() {
  const sent: { sql: string; params: unknown[] }[] = [];
  const db: SqlExecutor = { execute: async (sql, params = []) => (sent.push({ sql, params }), []) };
  return { db, sent };
}

const page = (db: SqlExecutor, args: Parameters<typeof keysetPage>[1]['page'], orderBy?: Parameters<typeof Things.resolve>[0]) =>
  keysetPage(db, { list: 'select * from t', params: ['p'], order: Things.resolve(orderBy), page: args, toNode: (r) => r });

describe('orders', () => {
  it('end with the id in the direction of the last key, and name themselves in the signature', () => {
    expect(Things.resolve(null)).toEqual({
      signature: 'things:DAY.DESC',
      keys: [
        { column: 'day', cast: 'date', nullable: true, descending: true },
        { column: 'id', cast: 'uuid', nullable: false, descending: true },
      ],
    });
    const o = Things.resolve([{ field: 'NAME', direction: OrderDirection.ASC }, { field: 'AMOUNT', direction: OrderDirection.DESC }]);
    expect(o.signature).toBe('things:NAME.ASC,AMOUNT.DESC');
    expect(o.keys.map((k) => [k.column, k.descending])).toEqual([['name', false], ['amount', true], ['id', true]]);
    // an explicit order equal to the default is the same order (cursors are shared)
    expect(Things.resolve([{ field: 'DAY', direction: OrderDirection.DESC }])).toEqual(Things.resolve([]));
  });

  it('refuse a field named twice', () => {
    expect(() => Things.resolve([{ field: 'NAME', direction: OrderDirection.ASC }, { field: 'NAME', direction: OrderDirection.DESC }])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'DUPLICATE_ORDER_FIELD' }) }),
    );
  });
});

describe('keysetPage', () => {
  const id = '7f1c1f6e-2b1a-4c4e-9d7e-0a6b7e2f9c11';
  const reason = (p: Promise<unknown>) => p.then(() => null, (e) => e.extensions?.reason);

  it('reads the reversed order backwards and binds the cursor after the list’s parameters, once', async () => {
    const { db, sent } = recorder();
    const o = [{ field: 'NAME' as const, direction: OrderDirection.ASC }];
    await page(db, { last: 5, before: encodeCursor('things:NAME.ASC', ['Đình Lập', id]) }, o);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toEqual(['p', 'Đình Lập', id, 6]);
    expect(sent[0]!.sql).toContain(`order by f.name collate "vi-VN-x-icu" desc, f.id desc limit ?`);
  });

  it('refuses cursors of another order, forged values, and a direction mixed with the other’s cursor', async () => {
    const { db } = recorder();
    expect(await reason(page(db, { after: encodeCursor('things:NAME.ASC', ['a', id]) }))).toBe('CURSOR_ORDER_MISMATCH');
    expect(await reason(page(db, { after: encodeCursor('things:DAY.DESC', ['2019-02-29', id]) }))).toBe('INVALID_CURSOR');
    expect(await reason(page(db, { after: encodeCursor('things:DAY.DESC', ['2019-06-01', 'not-a-uuid']) }))).toBe('INVALID_CURSOR');
    expect(await reason(page(db, { after: encodeCursor('things:DAY.DESC', [null, null]) }))).toBe('INVALID_CURSOR');
    expect(await reason(page(db, { after: encodeCursor('things:DAY.DESC', ['2019-06-01']) }))).toBe('INVALID_CURSOR');
    expect(await reason(page(db, { after: 'garbage' }))).toBe('INVALID_CURSOR');
    expect(await reason(page(db, { first: 5, before: encodeCursor('things:DAY.DESC', [null, id]) }))).toBe('INCONSISTENT');
    expect(await reason(page(db, { first: 5, last: 5 }))).toBe('INCONSISTENT');
    expect(await reason(page(db, { last: 501 }))).toBe('TOO_MANY');
    // a null day is a real key (nullable column): accepted
    expect(await reason(page(db, { after: encodeCursor('things:DAY.DESC', [null, id]) }))).toBeNull();
    expect(await reason(page(db, { after: encodeCursor('things:AMOUNT.DESC', ['9223372036854775808', id]) }, [{ field: 'AMOUNT', direction: OrderDirection.DESC }]))).toBe('INVALID_CURSOR');
  });
});
