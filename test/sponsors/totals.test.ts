import { randomUUID } from 'node:crypto';
import { seedIds } from '@kn/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, sqlStatements, tokenFor } from '../support/client.js';
import { adminSql, ok } from './support.js';

/**
 * The district of each contribution, written by hand over both subgraphs' tables (as the database
 * superuser, which the services never are): a pre-reform commune's district; for a commune created
 * on 1/7/2025, the one district all its predecessors lay in (none when they lay in several).
 */
const DISTRICT_TOTALS_SQL = `
  with old_district as (
    select u.id as commune_id, d.code
      from communes.admin_unit u
      join communes.admin_unit d on d.tenant_id = u.tenant_id and d.id = u.parent_id and d.level = 'DISTRICT'
     where u.tenant_id = $1 and u.level = 'COMMUNE'),
  new_district as (
    select s.successor_id as commune_id, min(o.code) as code
      from communes.unit_succession s join old_district o on o.commune_id = s.predecessor_id
     where s.tenant_id = $1
       -- a commune without a district of its own (from 1/7/2025); a successor of an earlier change has one (issue #18 §3)
       and s.successor_id not in (select commune_id from old_district)
     group by s.successor_id having count(distinct o.code) = 1),
  district as (select * from old_district union all select * from new_district)
  select c.year::int as year, d.code as "districtCode",
         sum(c.cash_vnd)::text as "cashVnd", sum(c.in_kind_vnd)::text as "inKindVnd",
         sum(c.cash_vnd + c.in_kind_vnd)::text as "totalVnd", sum(c.poor_households_helped)::int as "poorHouseholdsHelped",
         sum(c.models_built)::int as "modelsBuilt", sum(case when c.reverses_id is null then 1 else -1 end)::int as count
    from sponsors.contribution c left join district d on d.commune_id = c.commune_id
   where c.tenant_id = $1 and c.status in ('DONE', 'VERIFIED')
   group by c.year, d.code
   order by c.year, d.code nulls last`;

const LS = 'lang-son';
const oldCommune = (code: string) => seedIds.unit(LS, 'COMMUNE', code, 'old');
const newCommune = (code: string) => seedIds.unit(LS, 'COMMUNE', code, 'new');

describe('contribution totals', () => {
  let ls: string;
  let qn: string;
  beforeAll(async () => {
    ls = await tokenFor(LS, 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
  });

  it('grouped by year and district, equal a hand-written SQL sum, in both provinces', async () => {
    for (const [tenant, token] of [[LS, ls], ['quang-nam', qn]] as const) {
      const r = ok(await gql(token, `{ contributionTotals(groupBy: [YEAR, DISTRICT]) {
          key { year districtCode category sponsorId } cashVnd inKindVnd totalVnd poorHouseholdsHelped modelsBuilt count } }`));
      const expected = await adminSql(DISTRICT_TOTALS_SQL, [tenant]);
      expect(expected.length).toBeGreaterThan(20);
      const got = r.contributionTotals.map((g: any) => {
        expect(g.key.category).toBeNull();
        expect(g.key.sponsorId).toBeNull();
        return { year: g.key.year, districtCode: g.key.districtCode, cashVnd: g.cashVnd, inKindVnd: g.inKindVnd, totalVnd: g.totalVnd,
          poorHouseholdsHelped: g.poorHouseholdsHelped, modelsBuilt: g.modelsBuilt, count: g.count };
      });
      expect(got, tenant).toEqual(expected);
    }
  });

  it('a 2024 contribution to an old commune counts under its old district; filters narrow in SQL', async () => {
    // Văn Lãng (182) in 2024: Trùng Khánh, Thụy Hùng, Thanh Long, Tân Thanh, Tân Mỹ — all merged on 1/7/2025
    const r = ok(await gql(ls, `{ contributionTotals(filter: { districtCode: "182", year: 2024 }, groupBy: [CATEGORY]) { key { category } totalVnd count } }`));
    const [sql] = await adminSql(
      `select sum(c.cash_vnd + c.in_kind_vnd)::text as total, count(*)::int as n
         from sponsors.contribution c
         join communes.admin_unit u on u.tenant_id = c.tenant_id and u.id = c.commune_id
         join communes.admin_unit d on d.tenant_id = u.tenant_id and d.id = u.parent_id
        where c.tenant_id = $1 and d.code = '182' and c.year = 2024 and c.status in ('DONE', 'VERIFIED') and c.reverses_id is null`,
      [LS],
    );
    const sum = r.contributionTotals.reduce((s: bigint, g: any) => s + BigInt(g.totalVnd), 0n);
    expect(sum.toString()).toBe(sql.total);
    expect(r.contributionTotals.reduce((s: number, g: any) => s + g.count, 0)).toBe(sql.n);
    const kinds = ok(await gql(ls, `{ contributionTotals(filter: { year: 2024, sponsorKind: DISTRICT, category: ECONOMIC_DEVELOPMENT }, groupBy: [SPONSOR_KIND, CATEGORY]) { key { sponsorKind category } totalVnd } }`));
    const [byKind] = await adminSql(
      `select sum(c.cash_vnd + c.in_kind_vnd)::text as total from sponsors.contribution c
         join sponsors.sponsor s on s.tenant_id = c.tenant_id and s.id = c.sponsor_id
        where c.tenant_id = $1 and c.year = 2024 and s.kind = 'DISTRICT' and c.category = 'ECONOMIC_DEVELOPMENT' and c.status in ('DONE', 'VERIFIED')`,
      [LS],
    );
    expect(kinds.contributionTotals).toEqual([{ key: { sponsorKind: 'DISTRICT', category: 'ECONOMIC_DEVELOPMENT' }, totalVnd: byKind.total }]);
  });

  it('costs one SQL statement whatever the number of groups', async () => {
    await gql(ls, `{ contributionTotals(groupBy: [DISTRICT]) { count } }`); // geography cached
    const counts: number[] = [];
    for (const groupBy of ['[]', '[YEAR, CATEGORY, SPONSOR, COMMUNE, DISTRICT]']) {
      const requestId = `totals-${randomUUID()}`;
      const r = await gql(ls, `{ contributionTotals(groupBy: ${groupBy}) { count } }`, undefined, { requestId });
      expect(r.errors).toBeUndefined();
      counts.push(await sqlStatements(requestId));
    }
    expect(counts[0]).toBe(counts[1]);
    // BEGIN READ ONLY, the tenant's settings, the one SELECT … GROUP BY, COMMIT
    expect(counts[1]).toBeLessThanOrEqual(4);
  });

  it('bad filters are coded errors', async () => {
    expect(codes(await gql(ls, `{ contributionTotals(filter: { year: 2024, yearFrom: 2020 }, groupBy: []) { count } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(ls, `{ contributionTotals(filter: { yearFrom: 2024, yearTo: 2020 }, groupBy: []) { count } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(ls, `{ contributionTotals(filter: { districtCode: "1a" }, groupBy: []) { count } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(ls, `{ contributionTotals(groupBy: [NOPE]) { count } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const unknown = ok(await gql(ls, `{ contributionTotals(filter: { communeId: "nope" }, groupBy: []) { count totalVnd } }`));
    expect(unknown.contributionTotals).toEqual([{ count: 0, totalVnd: '0' }]);
  });

  it('the national role reads totals per province, never per sponsor or commune', async () => {
    const nat = await tokenFor(null, 'national');
    const r = ok(await gql(nat, `{ contributionTotals(filter: { year: 2024 }, groupBy: [TENANT]) { key { tenant } totalVnd } }`));
    expect(r.contributionTotals.map((g: any) => g.key.tenant)).toEqual(expect.arrayContaining([LS, 'quang-nam']));
    const [sql] = await adminSql(
      `select sum(cash_vnd + in_kind_vnd)::text as total from sponsors.contribution where tenant_id = $1 and year = 2024 and status in ('DONE', 'VERIFIED')`,
      [LS],
    );
    expect(r.contributionTotals.find((g: any) => g.key.tenant === LS).totalVnd).toBe(sql.total);
    expect(codes(await gql(nat, `{ contributionTotals(groupBy: [SPONSOR]) { count } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(nat, `{ contributionTotals(groupBy: [COMMUNE]) { count } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(nat, `{ sponsors { totalCount } }`))).toEqual(['FORBIDDEN']);
  });
});

describe('across the 2025 reform', () => {
  let ls: string;
  beforeAll(async () => {
    ls = await tokenFor(LS, 'analyst');
  });

  /** Contributions of 2024 to the commune's predecessors (and itself), by hand. */
  const rolledUpSql = (successor: string, exclude: string[] = []) =>
    adminSql(
      `select coalesce(sum(c.cash_vnd + c.in_kind_vnd), 0)::text as total,
              coalesce(sum(case when c.reverses_id is null then 1 else -1 end), 0)::int as n
         from sponsors.contribution c
        where c.tenant_id = $1 and c.year = 2024 and c.status in ('DONE', 'VERIFIED')
          and c.commune_id in (select predecessor_id from communes.unit_succession where tenant_id = $1 and successor_id = $2
                               union select $2::uuid)
          and not (c.commune_id = any($3::uuid[]))`,
      [LS, successor, exclude],
    ).then((rows) => rows[0]);

  it('asked by the new commune, the old communes’ figures roll up into it', async () => {
    // Trùng Khánh, Thụy Hùng and Thanh Long became the new Thụy Hùng (06148) on 1/7/2025
    const thuyHung = newCommune('06148');
    const r = ok(await gql(ls, `query($id: ID!) {
        commune(id: $id) { name validFrom sponsorship(year: 2024) { totalVnd contributions activeTwinnings }
          twinnings(year: 2024) { code commune { code name } currentCommune { code } } }
        rolled: contributionTotals(filter: { communeId: $id, year: 2024 }, groupBy: []) { totalVnd count }
        byOld: contributionTotals(filter: { communeId: $id, year: 2024 }, groupBy: [COMMUNE]) { key { communeId } totalVnd }
        byNew: contributionTotals(filter: { year: 2024, communesAsOf: "2026-01-01" }, groupBy: [COMMUNE]) { key { communeId } totalVnd count }
      }`, { id: thuyHung }));
    const sql = await rolledUpSql(thuyHung);
    expect(BigInt(sql.total)).toBeGreaterThan(0n);
    expect(r.commune).toMatchObject({ name: 'Thụy Hùng', validFrom: '2025-07-01' });
    expect(r.commune.sponsorship).toEqual({ totalVnd: sql.total, contributions: sql.n, activeTwinnings: 4 });
    expect(r.rolled).toEqual([{ totalVnd: sql.total, count: sql.n }]);
    expect(r.commune.twinnings.map((t: any) => t.code).sort()).toEqual(['LS-06127-1', 'LS-06136-1', 'LS-06148-1', 'LS-06148-2']);
    for (const t of r.commune.twinnings) expect(t.currentCommune.code).toBe('06148');
    // as recorded: under the three old communes; as of 2026: one group, the new commune
    expect(new Set(r.byOld.map((g: any) => g.key.communeId))).toEqual(new Set(['06127', '06136', '06148'].map(oldCommune)));
    const asNew = r.byNew.filter((g: any) => [thuyHung, ...['06127', '06136', '06148'].map(oldCommune)].includes(g.key.communeId));
    expect(asNew).toEqual([{ key: { communeId: thuyHung }, totalVnd: sql.total, count: sql.n }]);
  });

  it('a split commune counts whole under the one successor its twinning continues in (Bính Xá → Kiên Mộc, not Đình Lập)', async () => {
    const binhXa = oldCommune('06622');
    const kienMoc = newCommune('06625');
    const dinhLap = newCommune('06613');
    const r = ok(await gql(ls, `query($km: ID!, $dl: ID!, $bx: ID!) {
        km: commune(id: $km) { sponsorship(year: 2024) { totalVnd activeTwinnings } twinnings { code } }
        dl: commune(id: $dl) { sponsorship(year: 2024) { totalVnd activeTwinnings } twinnings { code } }
        bx: commune(id: $bx) { name validTo sponsorship(year: 2024) { totalVnd } twinnings { code status commune { name } currentCommune { name } successorCommune { name } } }
        listed: twinnings(filter: { communeId: $km }) { nodes { code } }
      }`, { km: kienMoc, dl: dinhLap, bx: binhXa }));
    const km = await rolledUpSql(kienMoc);
    const dl = await rolledUpSql(dinhLap, [binhXa]);
    expect(r.km.sponsorship).toEqual({ totalVnd: km.total, activeTwinnings: 2 });
    expect(r.km.twinnings.map((t: any) => t.code).sort()).toEqual(['LS-06619-1', 'LS-06622-1']);
    expect(r.listed.nodes.map((t: any) => t.code).sort()).toEqual(['LS-06619-1', 'LS-06622-1']);
    expect(r.dl.sponsorship).toEqual({ totalVnd: dl.total, activeTwinnings: 0 });
    expect(r.dl.twinnings).toEqual([]);
    // the twinning stays valid and names the commune it was signed with, and shows where it continues
    expect(r.bx).toMatchObject({ name: 'Bính Xá', validTo: '2025-06-30' });
    expect(r.bx.twinnings).toEqual([
      { code: 'LS-06622-1', status: 'ACTIVE', commune: { name: 'Bính Xá' }, currentCommune: { name: 'Kiên Mộc' }, successorCommune: { name: 'Kiên Mộc' } },
    ]);
    // asked by the old commune, its own figures
    const [own] = await adminSql(
      `select sum(cash_vnd + in_kind_vnd)::text as total from sponsors.contribution where tenant_id = $1 and commune_id = $2 and year = 2024 and status in ('DONE', 'VERIFIED')`,
      [LS, binhXa],
    );
    expect(r.bx.sponsorship.totalVnd).toBe(own.total);
  });

  it('which border communes have no active twinning, before and after the reform', async () => {
    const q = `query($y: Int!) { communesWithoutActiveTwinning(year: $y, classification: BORDER) { code name district { name } } }`;
    const names = async (y: number) =>
      ok(await gql(ls, q, { y })).communesWithoutActiveTwinning.map((c: any) => `${c.code} ${c.name}${c.district ? ` (${c.district.name})` : ''}`);
    // seed 000: "by 2020 every border commune has a sponsor" — all but two did
    expect(await names(2020)).toEqual(['06172 Tân Mỹ (Văn Lãng)', '06547 Tú Mịch (Lộc Bình)']);
    expect(await names(2024)).toEqual(['06547 Tú Mịch (Lộc Bình)']);
    // after the reform: Tú Mịch is part of the new Mẫu Sơn (twinned through Mẫu Sơn and Yên Khoái); the Bính Xá
    // twinning continues in Kiên Mộc, so the new Đình Lập (which took part of Bính Xá) has none
    expect(await names(2026)).toEqual(['06613 Đình Lập']);
    const qn = await tokenFor('quang-nam', 'analyst');
    expect(ok(await gql(qn, q, { y: 2024 })).communesWithoutActiveTwinning).toEqual([]);
    // the national role gets every province's answer (and counts them per province)
    const nat = await tokenFor(null, 'national');
    const all = ok(await gql(nat, `{ communesWithoutActiveTwinning(year: 2020, classification: BORDER) { code province { code } } }`));
    expect(all.communesWithoutActiveTwinning.filter((c: any) => c.province.code === '20').map((c: any) => c.code)).toEqual(['06172', '06547']);
  });

  it('without a classification: every commune of the year minus the covered ones', async () => {
    const r = ok(await gql(ls, `{ communesWithoutActiveTwinning(year: 2022) { id } }`));
    const [sql] = await adminSql(
      `select (select count(*) from communes.admin_unit u where u.tenant_id = $1 and u.level = 'COMMUNE'
                 and (u.valid_from is null or u.valid_from <= '2022-12-31') and (u.valid_to is null or u.valid_to >= '2022-12-31'))::int
            - (select count(distinct commune_id) from sponsors.twinning t where t.tenant_id = $1 and t.status in ('ACTIVE', 'ENDED')
                 and t.starts_on <= '2022-12-31' and (t.ends_on is null or t.ends_on >= '2022-01-01'))::int as n`,
      [LS],
    );
    expect(r.communesWithoutActiveTwinning).toHaveLength(sql.n);
    const sponsor = await tokenFor(LS, 'sponsor', { scope: { sponsorId: seedIds.sponsor(LS, 'BDBP') } });
    expect(codes(await gql(sponsor, `{ communesWithoutActiveTwinning(year: 2022) { id } }`))).toEqual(['FORBIDDEN']);
  });
});

describe('SQL statements per request', () => {
  const query = `query($first: Int!, $filter: CommuneFilter!, $y: Int!) { communes(filter: $filter, first: $first) { nodes { id name
      twinnings(year: $y) { code status sponsor { name kind staffCount } program { id } currentCommune { name }
        plan(year: $y) { timeliness items { content } } needsProposal(year: $y) { timeliness }
        contributions(year: $y) { cashVnd category reversedBy { id } } }
      sponsorship(year: $y) { totalVnd activeTwinnings poorHouseholdsHelped modelsBuilt } } } }`;

  /**
   * The cost of a few communes that all have twinnings (so every loader runs), against a long page.
   * The geography is cached first: it is one communes query per tenant and minute, not per request.
   */
  async function costs(token: string, few: Record<string, unknown>, many: Record<string, unknown>, sizes: [number, number]) {
    await gql(token, query, { first: 1, filter: few, y: 2024 });
    const counts: number[] = [];
    for (const [first, filter] of [[sizes[0], few], [sizes[1], many]] as const) {
      const requestId = `sp-n1-${first}-${randomUUID()}`;
      const r = await gql(token, query, { first, filter, y: 2024 }, { requestId });
      expect(r.errors).toBeUndefined();
      const nodes = r.data.communes.nodes;
      expect(nodes).toHaveLength(first);
      expect(nodes.flatMap((n: any) => n.twinnings.flatMap((t: any) => t.contributions)).length).toBeGreaterThan(0);
      counts.push(await sqlStatements(requestId));
    }
    return counts;
  }

  it('200 communes with their twinnings, sponsors, plans, contributions and sponsorship cost the same as 10', async () => {
    const [ten, twoHundred] = await costs(
      await tokenFor('quang-nam', 'analyst'),
      { asOf: '2024-06-01', districtCode: '504' }, // Tây Giang: every commune twinned
      { asOf: '2024-06-01' },
      [10, 200],
    );
    expect(ten).toBeGreaterThan(0);
    expect(twoHundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(30);
  });

  it('the same after the reform, where every figure is rolled up from predecessors', async () => {
    const [ten, sixty] = await costs(
      await tokenFor(LS, 'analyst'),
      { asOf: '2026-01-01', classification: 'BORDER' },
      { asOf: '2026-01-01' },
      [10, 60],
    );
    expect(sixty).toBe(ten);
  });
});
