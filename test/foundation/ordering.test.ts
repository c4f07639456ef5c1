import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, ok, platform, sqlStatements, tokenFor } from '../support/client.js';
import { RECORD, writableTenant, type WritableTenant } from '../sponsors/support.js';

/**
 * Issue 17 §1: `orderBy` on the connections, cursors that honour the order, backwards pages —
 * through the gateway, as analysts and apps use them.
 */

type Page<T> = { totalCount: number; nodes: T[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };

/** Every page of a list, `size` rows at a time, forwards (`first`/`after`). */
async function forwards<T>(fetch: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < 200; i++) {
    const page: Page<T> = await fetch(after);
    rows.push(...page.nodes);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
  throw new Error('more than 200 pages');
}

/** Every page of a list backwards (`last`/`before`), put back in the list's order. */
async function backwards<T>(fetch: (before: string | null) => Promise<Page<T>>): Promise<T[]> {
  const pages: T[][] = [];
  let before: string | null = null;
  for (let i = 0; i < 200; i++) {
    const page: Page<T> = await fetch(before);
    pages.unshift(page.nodes);
    expect(page.pageInfo.hasNextPage).toBe(before !== null);
    if (!page.pageInfo.hasPreviousPage) return pages.flat();
    before = page.pageInfo.startCursor;
  }
  throw new Error('more than 200 pages');
}

const COMMUNES = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: [CommuneOrder!]) {
  communes(filter: { asOf: "2020-01-01" }, first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount nodes { id code name } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

const CONTRIBUTIONS = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: [ContributionOrder!]) {
  contributions(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount nodes { id contributedOn cashVnd inKindVnd totalVnd } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

type Commune = { id: string; code: string; name: string };
type Contribution = { id: string; contributedOn: string; cashVnd: string; inKindVnd: string; totalVnd: string };

describe('communes sorted by name, in Vietnamese dictionary order', () => {
  let analyst: string;
  let byName: Commune[];
  beforeAll(async () => {
    analyst = await tokenFor('lang-son', 'analyst');
    byName = ok(await gql(analyst, COMMUNES, { first: 500, orderBy: [{ field: 'NAME', direction: 'ASC' }] })).communes.nodes;
  });

  it('puts Đ after every D and before E, a before ă before â (PostgreSQL ICU vi-VN)', async () => {
    // Quảng Nam has communes of both letters: Duy Châu… Duy Vinh, then Điện An… (byte order, collation
    // "C", would put Đ after Z; the root collation, und-x-icu, would mix Điện among Duy)
    const qn = ok(await gql(await tokenFor('quang-nam', 'analyst'), COMMUNES, { first: 500, orderBy: [{ field: 'NAME', direction: 'ASC' }] })).communes
      .nodes as Commune[];
    const initial = (n: string) => n.normalize('NFC')[0]!;
    const at = (list: Commune[], letters: string[]) => list.flatMap((c, i) => (letters.includes(initial(c.name)) ? [i] : []));
    const d = at(qn, ['D']);
    const dd = at(qn, ['Đ']);
    expect(d.length, 'Quảng Nam has communes whose name starts with D').toBeGreaterThan(5);
    expect(dd.length, 'and with Đ').toBeGreaterThan(5);
    expect(Math.max(...d)).toBeLessThan(Math.min(...dd));
    expect(Math.max(...dd)).toBeLessThan(Math.min(...at(qn, ['E', 'Ê', 'G', 'H'])));
    // every neighbour in order, letter by letter (tones aside), as Vietnamese dictionaries order them
    const vi = new Intl.Collator('vi', { sensitivity: 'base' });
    for (const list of [qn, byName]) {
      for (let i = 1; i < list.length; i++) {
        expect(vi.compare(list[i - 1]!.name, list[i]!.name), `${list[i - 1]!.name} before ${list[i]!.name}`).toBeLessThanOrEqual(0);
      }
    }
    // real names of Lạng Sơn: Cao Lộc, then Đình Lập (a commune and a township: the id breaks the tie), Đồng Đăng, then the H…
    expect(byName.length).toBeGreaterThan(150);
    const index = (name: string) => byName.findIndex((c) => c.name === name);
    for (const name of ['Cao Lộc', 'Đình Lập', 'Đồng Đăng']) expect(index(name), name).toBeGreaterThanOrEqual(0);
    expect(index('Cao Lộc')).toBeLessThan(index('Đình Lập'));
    expect(index('Đình Lập')).toBeLessThan(index('Đồng Đăng'));
    expect(index('Đồng Đăng')).toBeLessThan(Math.min(...at(byName, ['H'])));
    const twins = byName.filter((c) => c.name === 'Đình Lập');
    expect(twins).toHaveLength(2);
    expect(twins[0]!.id < twins[1]!.id).toBe(true);
  });

  it('pages of 7 under NAME DESC concatenate to the whole list reversed, no duplicates or gaps; backwards too', async () => {
    const desc = [{ field: 'NAME', direction: 'DESC' }];
    const whole = ok(await gql(analyst, COMMUNES, { first: 500, orderBy: desc })).communes.nodes as Commune[];
    const pages = await forwards<Commune>(async (after) => ok(await gql(analyst, COMMUNES, { first: 7, after, orderBy: desc })).communes);
    expect(pages.map((c) => c.id)).toEqual(whole.map((c) => c.id));
    expect(new Set(pages.map((c) => c.id)).size).toBe(whole.length);
    // names tie across districts (the id breaks those ties), but the names read as NAME ASC reversed
    expect(whole.map((c) => c.name)).toEqual([...byName.map((c) => c.name)].reverse());
    const back = await backwards<Commune>(async (before) => ok(await gql(analyst, COMMUNES, { last: 9, before, orderBy: desc })).communes);
    expect(back.map((c) => c.id)).toEqual(whole.map((c) => c.id));
  });

  it('POST /export follows the document’s orderBy over every page (its last/before dropped: an export is the whole list)', async () => {
    const desc = [{ field: 'NAME', direction: 'DESC' }];
    const whole = ok(await gql(analyst, COMMUNES, { first: 500, orderBy: desc })).communes.nodes as Commune[];
    expect(whole.map((c) => c.id)).toEqual([...byName].reverse().map((c) => c.id));
    const res = await fetch(platform().gatewayUrl.replace(/\/graphql$/, '/export'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` },
      body: JSON.stringify({
        query: `{ communes(filter: { asOf: "2020-01-01" }, last: 3, orderBy: [{ field: NAME, direction: DESC }]) { nodes { id name } } }`,
        format: 'jsonl',
        pageSize: 40,
      }),
    });
    expect(res.status).toBe(200);
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Commune);
    expect(rows.map((c) => c.id)).toEqual(whole.map((c) => c.id));
  });

  it('keeps the default order (by code) and shares its cursors with orderBy: [CODE ASC]', async () => {
    const plain = ok(await gql(analyst, COMMUNES, { first: 5 })).communes;
    const codesOf = (p: Page<Commune>) => p.nodes.map((c) => c.code);
    expect(codesOf(plain)).toEqual([...codesOf(plain)].sort());
    const next = ok(await gql(analyst, COMMUNES, { first: 5, after: plain.pageInfo.endCursor, orderBy: [{ field: 'CODE', direction: 'ASC' }] })).communes;
    const both = ok(await gql(analyst, COMMUNES, { first: 10 })).communes;
    expect([...codesOf(plain), ...codesOf(next)]).toEqual(codesOf(both));
    expect(plain.pageInfo.hasPreviousPage).toBe(false);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    expect(next.pageInfo.startCursor).toBe(ok(await gql(analyst, COMMUNES, { first: 6 })).communes.pageInfo.endCursor);
  });

  it('never shows another province’s communes, under any order', async () => {
    const other = await tokenFor('quang-nam', 'analyst');
    const theirs = new Set(
      (ok(await gql(other, COMMUNES, { first: 500, orderBy: [{ field: 'NAME', direction: 'ASC' }] })).communes.nodes as Commune[]).map((c) => c.id),
    );
    expect(theirs.size).toBeGreaterThan(0);
    for (const order of [[{ field: 'NAME', direction: 'DESC' }], [{ field: 'VALID_FROM', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' }]]) {
      const mine = ok(await gql(analyst, COMMUNES, { first: 500, orderBy: order })).communes.nodes as Commune[];
      expect(mine.length).toBe(byName.length);
      expect(mine.filter((c) => theirs.has(c.id))).toEqual([]);
    }
  });
});

describe('contributions sorted by amount, with ties', () => {
  let t: WritableTenant;
  let other: WritableTenant;
  const amounts = [5, 3, 5, 1, 5, 3, 8, 1, 5]; // millions of đồng, ties on purpose
  beforeAll(async () => {
    [t, other] = await Promise.all([writableTenant('order'), writableTenant('order-other')]);
    for (const [i, m] of amounts.entries()) {
      ok(
        await gql(t.officer, RECORD, {
          i: { twinningId: i % 2 ? t.twinningA : t.twinningB, contributedOn: `2021-0${1 + (i % 3)}-15`, category: 'SOCIAL_SECURITY', description: `Đóng góp ${i}`, cashVnd: String(m * 1_000_000), inKindVnd: String(i % 2 ? 250_000 : 0) },
          k: randomUUID(),
        }),
      );
    }
    ok(await gql(other.officer, RECORD, { i: { twinningId: other.twinningA, contributedOn: '2021-02-01', category: 'SOCIAL_SECURITY', description: 'Khác', cashVnd: '9000000' }, k: randomUUID() }));
  });

  const all = async (token: string, orderBy: unknown) => ok(await gql(token, CONTRIBUTIONS, { first: 500, orderBy })).contributions.nodes as Contribution[];

  it('by cash DESC: amounts never rise, ties broken by id (descending, the last key’s direction), pages of 2 concatenate exactly', async () => {
    const order = [{ field: 'CASH_VND', direction: 'DESC' }];
    const whole = await all(t.analyst, order);
    expect(whole).toHaveLength(amounts.length);
    for (let i = 1; i < whole.length; i++) {
      const [a, b] = [BigInt(whole[i - 1]!.cashVnd), BigInt(whole[i]!.cashVnd)];
      expect(a >= b).toBe(true);
      if (a === b) expect(whole[i - 1]!.id > whole[i]!.id, 'tie broken on the id').toBe(true);
    }
    expect(whole.map((c) => Number(c.cashVnd) / 1e6)).toEqual([...amounts].sort((x, y) => y - x));
    const pages = await forwards<Contribution>(async (after) => ok(await gql(t.analyst, CONTRIBUTIONS, { first: 2, after, orderBy: order })).contributions);
    expect(pages.map((c) => c.id)).toEqual(whole.map((c) => c.id));
    const back = await backwards<Contribution>(async (before) => ok(await gql(t.analyst, CONTRIBUTIONS, { last: 2, before, orderBy: order })).contributions);
    expect(back.map((c) => c.id)).toEqual(whole.map((c) => c.id));
  });

  it('mixed directions (day ASC, total DESC) page the same as the whole sorted list', async () => {
    const order = [{ field: 'CONTRIBUTED_ON', direction: 'ASC' }, { field: 'TOTAL_VND', direction: 'DESC' }];
    const whole = await all(t.analyst, order);
    const expected = [...whole].sort(
      (a, b) => a.contributedOn.localeCompare(b.contributedOn) || Number(BigInt(b.totalVnd) - BigInt(a.totalVnd)) || (a.id < b.id ? 1 : -1),
    );
    expect(whole.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    for (const size of [1, 3, 4]) {
      const pages = await forwards<Contribution>(async (after) => ok(await gql(t.analyst, CONTRIBUTIONS, { first: size, after, orderBy: order })).contributions);
      expect(pages.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    }
    const back = await backwards<Contribution>(async (before) => ok(await gql(t.analyst, CONTRIBUTIONS, { last: 4, before, orderBy: order })).contributions);
    expect(back.map((c) => c.id)).toEqual(expected.map((c) => c.id));
  });

  it('by sponsor name (Vietnamese order), then newest: pages of 3 concatenate; twinnings too', async () => {
    const q = `query($after: String, $first: Int) { contributions(first: $first, after: $after, orderBy: [{ field: SPONSOR_NAME, direction: ASC }, { field: CONTRIBUTED_ON, direction: DESC }]) {
      totalCount nodes { id contributedOn sponsor { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    type Row = { id: string; contributedOn: string; sponsor: { name: string } };
    const whole = ok(await gql(t.analyst, q, { first: 500 })).contributions.nodes as Row[];
    expect(whole).toHaveLength(amounts.length);
    const names = whole.map((c) => c.sponsor.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(new Set(names)).toEqual(new Set(['Đơn vị A', 'Đơn vị B']));
    for (let i = 1; i < whole.length; i++) {
      if (names[i - 1] === names[i]) expect(whole[i - 1]!.contributedOn >= whole[i]!.contributedOn).toBe(true);
    }
    const pages = await forwards<Row>(async (after) => ok(await gql(t.analyst, q, { first: 3, after })).contributions);
    expect(pages.map((c) => c.id)).toEqual(whole.map((c) => c.id));
    const twinnings = ok(await gql(t.analyst, `{ twinnings(orderBy: [{ field: SPONSOR_NAME, direction: DESC }]) { nodes { code sponsor { name } } } }`)).twinnings.nodes;
    expect(twinnings.map((w: { code: string }) => w.code)).toEqual(['TW-B', 'TW-A']);
  });

  it('refuses a cursor of another order, a cursor not made here, a field named twice, first with last', async () => {
    const page = ok(await gql(t.analyst, CONTRIBUTIONS, { first: 2, orderBy: [{ field: 'CASH_VND', direction: 'DESC' }] })).contributions;
    const refused = async (vars: Record<string, unknown>) => {
      const r = await gql(t.analyst, CONTRIBUTIONS, vars);
      expect(r.data?.contributions ?? null).toBeNull();
      return r.errors?.[0]?.extensions ?? {};
    };
    expect(await refused({ first: 2, after: page.pageInfo.endCursor, orderBy: [{ field: 'CASH_VND', direction: 'ASC' }] })).toMatchObject({
      code: 'BAD_USER_INPUT', reason: 'CURSOR_ORDER_MISMATCH', field: 'after',
    });
    expect(await refused({ last: 2, before: page.pageInfo.startCursor })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_ORDER_MISMATCH', field: 'before' });
    // a communes cursor is not a contributions cursor, even under "the same" default
    const communes = ok(await gql(t.analyst, COMMUNES, { first: 1 })).communes;
    expect(await refused({ first: 2, after: communes.pageInfo.endCursor })).toMatchObject({ reason: 'CURSOR_ORDER_MISMATCH' });
    expect(await refused({ first: 2, after: 'bm90IGEgY3Vyc29y' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    expect(
      await refused({ first: 2, orderBy: [{ field: 'CASH_VND', direction: 'DESC' }, { field: 'CASH_VND', direction: 'ASC' }] }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUPLICATE_ORDER_FIELD', field: 'orderBy' });
    expect(await refused({ first: 2, last: 2 })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INCONSISTENT' });
    // an unknown order field is refused by GraphQL validation (an enum), before any subgraph
    const unknown = await gql(t.analyst, CONTRIBUTIONS, { first: 2, orderBy: [{ field: 'COMMUNE_NAME', direction: 'ASC' }] });
    expect(unknown.data ?? null).toBeNull();
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
  });

  it('never shows another province’s contributions, not even from its cursor', async () => {
    const order = [{ field: 'CASH_VND', direction: 'DESC' }];
    const theirs = await all(other.analyst, order);
    expect(theirs).toHaveLength(1);
    const mine = await all(t.analyst, order);
    expect(mine.map((c) => c.id)).not.toContain(theirs[0]!.id);
    // their cursor (9 000 000 đồng, the top) used here: the same order, so accepted — and only my rows follow
    const theirCursor = ok(await gql(other.analyst, CONTRIBUTIONS, { first: 1, orderBy: order })).contributions.pageInfo.endCursor;
    const after = ok(await gql(t.analyst, CONTRIBUTIONS, { first: 500, after: theirCursor, orderBy: order })).contributions.nodes as Contribution[];
    expect(after.map((c) => c.id)).toEqual(mine.map((c) => c.id));
  });
});

describe('the README’s orderBy example', () => {
  it('answers the ten largest contributions of 2019 in Lạng Sơn, largest first, and its next page continues below', async () => {
    const officer = await tokenFor('lang-son', 'officer');
    const q = `query($after: String) { contributions(filter:{year:2019}, first:10, after: $after, orderBy:[{field:TOTAL_VND, direction:DESC}]) {
      totalCount nodes { contributedOn totalVnd sponsor { name } } pageInfo { hasNextPage endCursor } } }`;
    const first = ok(await gql(officer, q)).contributions;
    expect(first.nodes).toHaveLength(10);
    expect(first.totalCount).toBeGreaterThan(10);
    const totals = (p: { nodes: { totalVnd: string }[] }) => p.nodes.map((n) => BigInt(n.totalVnd));
    const next = ok(await gql(officer, q, { after: first.pageInfo.endCursor })).contributions;
    const all = [...totals(first), ...totals(next)];
    for (let i = 1; i < all.length; i++) expect(all[i - 1]! >= all[i]!).toBe(true);
    expect(first.nodes.every((n: { contributedOn: string; sponsor: { name: string } | null }) => n.contributedOn.startsWith('2019') && n.sponsor?.name)).toBe(true);
  });
});

describe('SQL statements stay constant with page size under every order', () => {
  const communeOrders = [null, [{ field: 'NAME', direction: 'ASC' }], [{ field: 'VALID_FROM', direction: 'DESC' }, { field: 'NAME', direction: 'DESC' }]];
  const contributionOrders = [null, [{ field: 'TOTAL_VND', direction: 'DESC' }], [{ field: 'CONTRIBUTED_ON', direction: 'ASC' }, { field: 'CASH_VND', direction: 'DESC' }]];
  const communeQuery = `query($first: Int!, $orderBy: [CommuneOrder!]) { communes(filter: { asOf: "2020-01-01" }, first: $first, orderBy: $orderBy) {
      nodes { code name district { name } successors { code } classifications } } }`;
  const contributionQuery = `query($first: Int!, $orderBy: [ContributionOrder!]) { contributions(first: $first, orderBy: $orderBy) {
      nodes { id totalVnd sponsor { name } twinning { code } } } }`;

  async function counts(token: string, query: string, orderBy: unknown, field: string) {
    const out: Record<number, { statements: number; rows: number }> = {};
    for (const first of [10, 500]) {
      await gql(token, query, { first, orderBy }); // warm the per-tenant caches once, as the benchmark does
      const requestId = `order-sql-${first}-${randomUUID()}`;
      const r = await gql(token, query, { first, orderBy }, { requestId });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      out[first] = { statements: await sqlStatements(requestId), rows: r.data[field].nodes.length };
    }
    return out;
  }

  it('communes (first: 10 vs first: 500) and contributions, by default, by name / amount and by two keys', async () => {
    const token = await tokenFor('quang-nam', 'analyst');
    for (const order of communeOrders) {
      const c = await counts(token, communeQuery, order, 'communes');
      expect(c[500]!.rows).toBeGreaterThan(c[10]!.rows);
      expect(c[10]!.statements).toBeGreaterThan(0);
      expect(c[500]!.statements, JSON.stringify(order)).toBe(c[10]!.statements);
    }
    const ls = await tokenFor('lang-son', 'analyst');
    for (const order of contributionOrders) {
      const c = await counts(ls, contributionQuery, order, 'contributions');
      expect(c[500]!.rows).toBeGreaterThan(c[10]!.rows);
      expect(c[500]!.statements, JSON.stringify(order)).toBe(c[10]!.statements);
    }
  });
});
