import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '@kn/platform';
import { codes, gql, platform, tokenFor } from '../support/client.js';

const LS_CODES = ['LS-165-2017', 'LS-88-2022', 'LS-KN-XBG', 'LS-NTM-2019'];
const LIST = `query($filter: ProgramFilter, $first: Int, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    totalCount nodes { id code tenant { slug } } edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`;
const codesOf = (r: { data?: any }): string[] => r.data.programs.nodes.map((n: { code: string }) => n.code);

describe('who reads which programmes', () => {
  let ls: string;
  let qn: string;
  const qnProgram = seedIds.program('quang-nam', 'QN-1100-2020');
  const lsProgram = seedIds.program('lang-son', 'LS-NTM-2019');

  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
  });

  it('a lang-son token sees exactly its four programmes and none of quang-nam’s, and the reverse', async () => {
    const a = await gql(ls, LIST, { first: 500 });
    expect(a.errors).toBeUndefined();
    expect(a.data.programs.totalCount).toBe(4);
    expect(codesOf(a)).toEqual(LS_CODES);
    expect(new Set(a.data.programs.nodes.map((n: { tenant: { slug: string } }) => n.tenant.slug))).toEqual(new Set(['lang-son']));
    const b = await gql(qn, LIST, { first: 500 });
    expect(b.data.programs.totalCount).toBe(1);
    expect(codesOf(b)).toEqual(['QN-1100-2020']);
    expect((await gql(ls, LIST, { filter: { search: '1100' } })).data.programs.totalCount).toBe(0);
  });

  it('another province’s programme behaves exactly like one that does not exist', async () => {
    const q = `query($id: ID!) { program(id: $id) { code targets { targetValue } } }`;
    const other = await gql(ls, q, { id: qnProgram });
    const unknown = await gql(ls, q, { id: '00000000-0000-5000-8000-000000000000' });
    expect(other.body).toEqual(unknown.body);
    expect(other.data.program).toBeNull();
    expect((await gql(qn, q, { id: lsProgram })).data.program).toBeNull();
    for (const id of ['not-a-uuid', "1' or '1'='1", 'x'.repeat(5000)]) {
      const r = await gql(ls, q, { id });
      expect(r.errors).toBeUndefined();
      expect(r.data.program).toBeNull();
    }
  });

  it('_entities (other subgraphs naming a programme, target, task or indicator) with a lang-son identity: quang-nam’s are null', async () => {
    const entities = async (roles: string[], representations: Record<string, string>[]) => {
      const identity = await new SignJWT({ tenant: 'lang-son', roles, via: 'token', ...(roles.includes('sponsor') ? { scope: { sponsorId: seedIds.sponsor('lang-son', 'NO-SUCH') } } : {}) })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setSubject('test')
        .setIssuer('kn-gateway')
        .setAudience('kn-subgraphs')
        .setExpirationTime('1m')
        .sign(await importJWK(platform().gatewayPrivateJwk as JWK, 'EdDSA'));
      const res = await fetch(platform().subgraphUrls.programs!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kn-identity': identity },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) {
            ... on Program { code } ... on Target { targetValue program { code } } ... on Task { reference } ... on Indicator { code } } }`,
          variables: { r: representations },
        }),
      });
      return ((await res.json()) as { data: { _entities: unknown[] } }).data._entities;
    };
    // ids as the seed makes them: other subgraphs can compute them too
    const lsTarget = seedIds.of('target', 'lang-son', 'LS-NTM-2019', 'NTM_C02', 'PROVINCE', '2019', '2019');
    const qnTarget = seedIds.of('target', 'quang-nam', 'QN-1100-2020', 'SUPPORT_AMOUNT', 'LOWLAND_DISTRICT', '2020', '2025');
    const representations = [
      { __typename: 'Program', id: qnProgram },
      { __typename: 'Program', id: lsProgram },
      { __typename: 'Target', id: lsTarget },
      { __typename: 'Target', id: qnTarget },
      { __typename: 'Task', id: seedIds.of('task', 'lang-son', 'LS-88-2022', 'IV.1') },
      { __typename: 'Indicator', id: seedIds.of('indicator', 'lang-son', 'POVERTY_RATE') },
      { __typename: 'Indicator', id: seedIds.of('indicator', 'quang-nam', 'SUPPORT_AMOUNT') },
    ];
    expect(await entities(['analyst'], representations)).toEqual([
      null,
      { code: 'LS-NTM-2019' },
      { targetValue: '61', program: { code: 'LS-NTM-2019' } },
      null,
      { reference: 'IV.1' },
      { code: 'POVERTY_RATE' },
      null,
    ]);
    // a sponsor that takes part in no programme reads none, nor their targets or tasks; the catalogue stays readable
    expect(await entities(['sponsor'], representations)).toEqual([null, null, null, null, null, { code: 'POVERTY_RATE' }, null]);
  });

  it('filters: kind, activeIn (open-ended periods included), search without case or diacritics', async () => {
    const list = async (filter: Record<string, unknown>) => codesOf(await gql(ls, LIST, { filter }));
    expect(await list({ kind: 'NEW_RURAL_DEVELOPMENT' })).toEqual(['LS-NTM-2019']);
    expect(await list({ kind: 'TWINNING' })).toEqual(['LS-KN-XBG']);
    expect(await list({ activeIn: 2016 })).toEqual(['LS-165-2017']);
    expect(await list({ activeIn: 2019 })).toEqual(['LS-165-2017', 'LS-KN-XBG', 'LS-NTM-2019']);
    expect(await list({ activeIn: 2030 })).toEqual(['LS-88-2022']);
    expect(await list({ search: 'nong thon moi' })).toEqual(['LS-NTM-2019']);
    expect(await list({ search: 'NÔNG THÔN MỚI' })).toEqual(['LS-NTM-2019']);
    expect(await list({ search: '88/kh' })).toEqual(['LS-88-2022']);
    expect(await list({ search: 'no one left behind' })).toEqual(['LS-165-2017']);
    expect(await list({ search: 'bien gioi', activeIn: 2020 })).toEqual(['LS-KN-XBG']);
    expect(await list({ search: '100%_' })).toEqual([]);
    expect(await list({ status: 'ISSUED', kind: 'BORDER_ECONOMY' })).toEqual(['LS-88-2022']);
  });

  it('pages through programmes with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r: { data?: any } = await gql(ls, LIST, { first: 1, after });
      expect(r.data.programs.totalCount).toBe(4);
      seen.push(...codesOf(r));
      if (!r.data.programs.pageInfo.hasNextPage) break;
      after = r.data.programs.pageInfo.endCursor;
    }
    expect(seen).toEqual(LS_CODES);
    const past = await gql(ls, LIST, { first: 2, after: (await gql(ls, LIST, { first: 4 })).data.programs.pageInfo.endCursor });
    expect(past.data.programs).toMatchObject({ totalCount: 4, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('bad list arguments are BAD_USER_INPUT, never a 500', async () => {
    for (const [variables, field] of [
      [{ first: 501 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
      [{ filter: { activeIn: 99999 } }, 'filter.activeIn'],
      [{ filter: { search: '   ' } }, 'filter.search'],
    ] as const) {
      const r = await gql(ls, LIST, variables);
      expect(r.status, JSON.stringify(variables)).toBeLessThan(500);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0]!.extensions!.field).toBe(field);
    }
    const y = await gql(ls, `query($id: ID!) { program(id: $id) { targets(year: 12) { id } } }`, { id: lsProgram });
    expect(codes(y)).toEqual(['BAD_USER_INPUT']);
    const kind = await gql(ls, `{ programs(filter: { kind: COASTAL }) { totalCount } }`);
    expect(codes(kind)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('the national role reads every province’s programmes (public legal documents) and writes none', async () => {
    const nat = await tokenFor(null, 'national');
    const r = await gql(nat, LIST, { first: 500 });
    expect(r.errors).toBeUndefined();
    const byCode = new Map<string, string>(r.data.programs.nodes.map((n: { code: string; tenant: { slug: string } }) => [n.code, n.tenant.slug]));
    for (const code of LS_CODES) expect(byCode.get(code)).toBe('lang-son');
    expect(byCode.get('QN-1100-2020')).toBe('quang-nam');
    const one = await gql(nat, `query($id: ID!) { program(id: $id) { code fundingTotal tenant { name } } }`, { id: lsProgram });
    expect(one.data.program).toMatchObject({ code: 'LS-NTM-2019', fundingTotal: '3002800000000', tenant: { name: expect.stringContaining('Lạng Sơn') } });
    const w = await gql(nat, `mutation($id: ID!) { updateProgram(id: $id, version: 1, input: { title: "x", kind: OTHER, startYear: 2019 }) { id } }`, { id: lsProgram });
    expect(codes(w)).toEqual(['FORBIDDEN']);
  });

  it('a sponsor reads only the programmes it takes part in (its twinnings, asked of the sponsors subgraph)', async () => {
    const q = `query($id: ID!, $other: ID!) { programs(first: 10) { totalCount nodes { code } } program(id: $id) { code }
      other: program(id: $other) { code } commune(code: "06148", asOf: "2019-06-01") { name programs { code } } indicators(first: 1) { totalCount } }`;
    const vars = { id: seedIds.program('lang-son', 'LS-KN-XBG'), other: seedIds.program('lang-son', 'LS-NTM-2019') };
    // a demo enterprise twinning with border communes under the border programme
    const twinned = await tokenFor('lang-son', 'sponsor', { scope: { sponsorId: seedIds.sponsor('lang-son', 'DN-XNK') } });
    const r = await gql(twinned, q, vars);
    expect(r.errors).toBeUndefined();
    expect(r.data.programs).toEqual({ totalCount: 1, nodes: [{ code: 'LS-KN-XBG' }] });
    expect(r.data.program).toEqual({ code: 'LS-KN-XBG' });
    expect(r.data.other).toBeNull();
    expect(r.data.commune).toEqual({ name: 'Thanh Long', programs: [{ code: 'LS-KN-XBG' }] });
    // a sponsor with no twinning takes part in no programme; the indicator catalogue stays readable
    const none = await gql(await tokenFor('lang-son', 'sponsor', { scope: { sponsorId: seedIds.sponsor('lang-son', 'NO-SUCH') } }), q, vars);
    expect(none.errors).toBeUndefined();
    expect(none.data.programs).toEqual({ totalCount: 0, nodes: [] });
    expect(none.data.program).toBeNull();
    expect(none.data.commune).toEqual({ name: 'Thanh Long', programs: [] });
    expect(none.data.indicators.totalCount).toBeGreaterThan(0);
  });
});

describe('Commune.programs: from a commune of the communes subgraph to its programmes', () => {
  it('a border commune of 2019 is covered by the border-commune programme; a commune that is not, by none', async () => {
    const ls = await tokenFor('lang-son', 'analyst');
    const r = await gql(ls, `{
      border: commune(code: "06148", asOf: "2019-06-01") { name district { name } programs { code title } }
      inland: commune(code: "06085", asOf: "2019-06-01") { name programs { code } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.border).toMatchObject({ name: 'Thanh Long', district: { name: 'Văn Lãng' }, programs: [{ code: 'LS-KN-XBG' }] });
    expect(r.data.inland.programs).toEqual([]);
  });

  it('every one of the 20 border communes lists the programme, in one request', async () => {
    const ls = await tokenFor('lang-son', 'analyst');
    const r = await gql(ls, `{ communes(filter: { classification: BORDER, asOf: "2019-06-01" }, first: 100) {
      totalCount nodes { code programs { code startYear endYear } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.communes.totalCount).toBe(20);
    for (const c of r.data.communes.nodes) expect(c.programs, c.code).toEqual([{ code: 'LS-KN-XBG', startYear: 2018, endYear: 2020 }]);
  });
});
