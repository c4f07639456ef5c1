import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { copyTenantRows, type CopyValue } from '@kn/bench/data/copy';
import { communesByTenant } from '@kn/bench/data/generator';
import { planDataset } from '@kn/bench/data/plan';
import { classificationRows } from '@kn/bench/data/parts/communes';
import { PROGRAM_TABLES, programRows, type ProgramRows } from '@kn/bench/data/parts/programs';
import {
  buildSponsorsModel, contributionRows, CONTRIBUTION_COLUMNS, SPONSOR_COLUMNS, sponsorRows, TWINNING_COLUMNS, twinningRows,
} from '@kn/bench/data/parts/sponsors';
import { Rng } from '@kn/bench/rng';
import { startService, type ServiceProcess } from '@kn/devkit/processes';
import { AGGREGATE_SOURCES, aggregateDifferenceSql, aggregateSource, AGGREGATE_TABLES } from '@kn/sponsors/contributions/aggregates';
import { gql, platform, tokenFor, withDb } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';
import { createTestTenant } from '../support/tenants.js';
import { adminSql, ok, RECORD, writableTenant, type WritableTenant } from './support.js';

const require = createRequire(import.meta.url);

/** Rows where a summary table differs from the raw rows of `tenant` (none when they are equal). */
async function differences(tenant: string) {
  const out: unknown[] = [];
  for (const source of AGGREGATE_SOURCES) {
    out.push(...(await adminSql(aggregateDifferenceSql(source, 'r.tenant_id = $1'), [tenant])).map((r) => ({ source, ...r })));
  }
  return out;
}

/** Every subset of the group-by dimensions (the national role may not group by SPONSOR or COMMUNE). */
function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);
}

const TOTALS = `query($f: ContributionFilter, $g: [ContributionGroupBy!]!) { contributionTotals(filter: $f, groupBy: $g) {
  key { year category sponsorKind sponsorId communeId districtCode tenant }
  cashVnd inKindVnd totalVnd poorHouseholdsHelped modelsBuilt peopleTrained beneficiaries count } }`;

/**
 * Issue 16: the maintained aggregates equal the raw rows exactly, after every kind of change, and
 * `contributionTotals` answers the same from them as from the raw rows — compared with a second
 * sponsors process that reads the raw rows only (SPONSORS_TOTALS_SOURCE=raw), behind a second gateway.
 */
describe('maintained contribution aggregates', () => {
  let generated: string;
  let w: WritableTenant;
  let rawSponsors: ServiceProcess;
  let rawGateway: ServiceProcess;

  beforeAll(async () => {
    // generated data: sponsors, twinnings and ten years of contributions with reversals, for the
    // real units of Cao Bằng before and after the reform (twinnings of replaced communes)
    generated = await createTestTenant('agg');
    const seed = 'kn-bench-agg';
    const geo = buildAdminDataset([{ slug: generated, name: `Test ${generated}`, oldProvinces: ['04'], newProvinces: ['04'] }]);
    const plan = planDataset(seed, { sponsors: 30, contributions: 1_500, yearFrom: 2016, yearTo: 2026 }, communesByTenant(geo));
    const classes = new Map<string, Set<string>>();
    for (const [, unit, cls] of classificationRows(geo, new Rng(seed, 'classifications'), 'x')) {
      classes.set(unit as string, (classes.get(unit as string) ?? new Set()).add(cls as string));
    }
    const programs = programRows(seed, geo, classes);
    await withDb(platform().dbUrls.programs!.owner, async (c) => {
      for (const table of Object.keys(PROGRAM_TABLES) as (keyof ProgramRows)[]) {
        await copyTenantRows(c, { table: `programs.${table}`, columns: PROGRAM_TABLES[table] }, programs[table]);
      }
    });
    const model = buildSponsorsModel(seed, geo, plan, classes);
    const loads: [string, string[], (readonly CopyValue[])[]][] = [
      ['sponsor', SPONSOR_COLUMNS, [...sponsorRows(model)]],
      ['twinning', TWINNING_COLUMNS, [...twinningRows(model)]],
      ['contribution', CONTRIBUTION_COLUMNS, [...contributionRows(seed, model[0]!, 2016, plan.tenants[0]!.contributionsByYear)]],
    ];
    await withDb(platform().dbUrls.sponsors!.owner, async (c) => {
      for (const [table, columns, rows] of loads) await copyTenantRows(c, { table: `sponsors.${table}`, columns }, rows);
    });
    // reversals of 25 verified rows, in one statement (as a correction run would write them)
    await adminSql(
      `insert into sponsors.contribution (tenant_id, id, twinning_id, sponsor_id, commune_id, program_id, contributed_on, category,
         description, cash_vnd, in_kind_vnd, poor_households_helped, models_built, model_kind, people_trained, beneficiaries,
         status, reverses_id, reversal_reason, created_by)
       select tenant_id, gen_random_uuid(), twinning_id, sponsor_id, commune_id, program_id, contributed_on, category,
              'Đảo bút toán', -cash_vnd, -in_kind_vnd, -poor_households_helped, -models_built, model_kind, -people_trained, -beneficiaries,
              'VERIFIED', id, 'Sai số liệu', 'test'
         from sponsors.contribution c where tenant_id = $1 and status = 'VERIFIED' and reverses_id is null
          -- a row another test of the run (same generated tenant) already reversed cannot be reversed twice
          and not exists (select 1 from sponsors.contribution r where r.tenant_id = c.tenant_id and r.reverses_id = c.id)
        order by id limit 25`,
      [generated],
    );
    w = await writableTenant('aggw');

    // the same sponsors subgraph, reading the raw rows only, behind its own gateway
    const p = platform();
    const { d: _private, ...gatewayPublicJwk } = p.gatewayPrivateJwk as Record<string, unknown>;
    rawSponsors = await startService({
      name: 'sponsors-raw-totals',
      entry: require.resolve('@kn/sponsors'),
      logDir: p.logDir,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: p.dbUrls.sponsors!.app,
        GATEWAY_PUBLIC_KEY: JSON.stringify(gatewayPublicJwk),
        SUBGRAPH_URLS: `communes=${p.subgraphUrls.communes},programs=${p.subgraphUrls.programs},evaluations=${p.subgraphUrls.evaluations}`,
        SPONSORS_TOTALS_SOURCE: 'raw',
        GEOGRAPHY_TTL_SECONDS: '3600',
      },
    });
    const urls = { ...p.subgraphUrls, sponsors: rawSponsors.url };
    rawGateway = await startExtraGateway('gateway-raw-totals', {
      SUBGRAPH_URLS: Object.entries(urls).map(([k, v]) => `${k}=${v}`).join(','),
    });
  });
  afterAll(async () => {
    await rawGateway?.stop();
    await rawSponsors?.stop();
  });

  it('the generated rows (COPY, reversals, reform-crossing communes) are summed exactly', async () => {
    const [{ n, reversals }] = await adminSql(
      `select count(*)::int as n, count(reverses_id)::int as reversals from sponsors.contribution where tenant_id = $1`, [generated]);
    expect(n).toBe(1_525);
    expect(reversals).toBeGreaterThan(0);
    const [{ rows }] = await adminSql(`select count(*)::int as rows from ${AGGREGATE_TABLES.commune_detail} where tenant_id = $1`, [generated]);
    expect(rows).toBeGreaterThan(0);
    expect(await differences(generated)).toEqual([]);
  });

  it('every write, verification, reversal, import, sponsor-kind change and delete keeps them equal, in the same transaction', async () => {
    const record = async (k: string, cash: string, category = 'ECONOMIC_DEVELOPMENT', on = '2024-03-01') =>
      ok(await gql(w.officer, RECORD, { k, i: { twinningId: w.twinningA, contributedOn: on, category, description: 'Hỗ trợ bò giống', cashVnd: cash, poorHouseholdsHelped: 2 } }));
    const a = (await record('agg-1', '5000000')).recordContribution;
    await record('agg-2', '7000000', 'EDUCATION', '2023-09-05');
    expect(await differences(w.tenant)).toEqual([]);
    // verification moves it from DONE's rows to VERIFIED's
    const verified = ok(await gql(w.officer, `mutation { verifyContribution(id: "${a.id}", version: ${a.version}) { status version } }`)).verifyContribution;
    expect(verified.status).toBe('VERIFIED');
    expect(await differences(w.tenant)).toEqual([]);
    // a reversal with its replacement
    ok(
      await gql(w.officer, `mutation($i: ReverseContributionInput!) { reverseContribution(input: $i) { reversal { id } } }`, {
        i: { id: a.id, version: verified.version, reason: 'Sai số tiền', replacement: { twinningId: w.twinningA, contributedOn: '2024-03-01', category: 'ECONOMIC_DEVELOPMENT', description: 'Hỗ trợ bò giống (đúng)', cashVnd: '4500000' } },
      }),
    );
    expect(await differences(w.tenant)).toEqual([]);
    // an import of three rows in one statement
    const imported = ok(
      await gql(w.officer, `mutation($rows: [ContributionImportRow!]!) { importContributions(rows: $rows, source: "test") { ok imported } }`, {
        rows: [1, 2, 3].map((i) => ({ twinning: 'TW-B', date: `2022-0${i}-10`, category: 'Văn hóa', description: `Tặng nhạc cụ ${i}`, cashVnd: `${i}.000.000` })),
      }),
    ).importContributions;
    expect(imported).toMatchObject({ ok: true, imported: 3 });
    expect(await differences(w.tenant)).toEqual([]);
    // a failed mutation leaves nothing behind in either
    const before = await adminSql(`select * from ${AGGREGATE_TABLES.commune_detail} where tenant_id = $1 order by 1, 2, 3, 4, 5, 6`, [w.tenant]);
    const bad = await gql(w.officer, RECORD, { k: 'agg-bad', i: { twinningId: w.twinningA, contributedOn: '2031-01-01', category: 'ECONOMIC_DEVELOPMENT', description: 'x', cashVnd: '1' } });
    expect(bad.errors?.length).toBeGreaterThan(0);
    expect(await adminSql(`select * from ${AGGREGATE_TABLES.commune_detail} where tenant_id = $1 order by 1, 2, 3, 4, 5, 6`, [w.tenant])).toEqual(before);
    // a sponsor's kind changes (as the owner would in a correction): its totals move with it
    await adminSql(`update sponsors.sponsor set kind = 'DISTRICT' where tenant_id = $1 and id = $2`, [w.tenant, w.sponsorA]);
    const gen = await adminSql(`select id, kind from sponsors.sponsor where tenant_id = $1 and not lowland and kind <> 'ENTERPRISE' limit 1`, [generated]);
    await adminSql(`update sponsors.sponsor set kind = 'ENTERPRISE' where tenant_id = $1 and id = $2`, [generated, gen[0].id]);
    expect(await differences(w.tenant)).toEqual([]);
    expect(await differences(generated)).toEqual([]);
    // rows deleted (the benchmark's clean-up does so as the owner)
    const gone = `select id from sponsors.contribution where tenant_id = $1 and status <> 'VERIFIED' and category = 'EDUCATION'`;
    await adminSql(`delete from sponsors.idempotency_key where tenant_id = $1 and contribution_id in (${gone})`, [w.tenant]);
    await adminSql(`delete from sponsors.contribution where tenant_id = $1 and id in (${gone})`, [w.tenant]);
    await adminSql(`delete from sponsors.contribution where tenant_id = $1 and status = 'PLANNED'`, [generated]);
    expect(await differences(w.tenant)).toEqual([]);
    expect(await differences(generated)).toEqual([]);
  });

  it('contributionTotals answers every group-by and filter the same from the aggregates as from the raw rows', async () => {
    const dims = ['YEAR', 'CATEGORY', 'SPONSOR_KIND', 'SPONSOR', 'COMMUNE', 'DISTRICT'];
    const analyst = await tokenFor(generated, 'analyst');
    const national = await tokenFor(null, 'national');
    const [{ sponsor_id: sponsorId }] = await adminSql(`select sponsor_id from sponsors.contribution where tenant_id = $1 limit 1`, [generated]);
    const partner = await tokenFor(generated, 'sponsor', { sub: 'partner-agg', scope: { sponsorId } });
    const filters: Record<string, unknown>[] = [
      { yearFrom: 2016, yearTo: 2025 },
      { year: 2024 },
      { year: 2025, statuses: ['PLANNED', 'DONE', 'VERIFIED'] },
      { yearFrom: 2018, category: 'ECONOMIC_DEVELOPMENT' },
      { sponsorKind: 'ENTERPRISE' },
      { districtCode: '040' },
    ];
    const cases: { token: string; f: Record<string, unknown>; g: string[]; tenant?: string }[] = [];
    for (const g of subsets(dims)) for (const f of filters) cases.push({ token: analyst, f, g });
    // the national role reads every tenant, which other tests write to (and create) meanwhile:
    // grouped by tenant, only this tenant's groups compared, and not by district (each process
    // caches the national geography for GEOGRAPHY_TTL_SECONDS, from before this tenant existed)
    for (const g of subsets(['YEAR', 'CATEGORY', 'SPONSOR_KIND'])) cases.push({ token: national, f: { year: 2024 }, g: [...g, 'TENANT'], tenant: generated });
    for (const g of subsets(['YEAR', 'CATEGORY', 'SPONSOR'])) cases.push({ token: partner, f: { yearFrom: 2016 }, g });
    cases.push({ token: analyst, f: { sponsorId, yearFrom: 2016 }, g: ['YEAR', 'CATEGORY'] });
    let compared = 0;
    let groups = 0;
    // 16 at a time, the two gateways' requests interleaved (the aggregate path under concurrency)
    for (let i = 0; i < cases.length; i += 16) {
      await Promise.all(
        cases.slice(i, i + 16).map(async ({ token, f, g, tenant }) => {
          const [fromAggregates, fromRows] = await Promise.all([
            gql(token, TOTALS, { f, g }),
            gql(token, TOTALS, { f, g }, { url: rawGateway.url }),
          ]);
          expect(fromAggregates.errors, JSON.stringify({ f, g })).toBeUndefined();
          expect(fromRows.errors, JSON.stringify({ f, g })).toBeUndefined();
          const mine = (r: typeof fromAggregates) =>
            (r.data.contributionTotals as { key: { tenant: string } }[]).filter((t) => !tenant || t.key.tenant === tenant);
          expect(mine(fromAggregates), JSON.stringify({ f, g })).toEqual(mine(fromRows));
          compared++;
          groups += mine(fromAggregates).length;
        }),
      );
    }
    expect(compared).toBe(cases.length);
    expect(groups).toBeGreaterThan(cases.length); // not a comparison of empty answers
  });

  it('two tenants’ identical totals requests at once each get their own tenant’s figures', async () => {
    const tokens = [await tokenFor(generated, 'analyst'), w.analyst];
    const q = { f: { yearFrom: 2016, yearTo: 2026, statuses: ['PLANNED', 'DONE', 'VERIFIED'] }, g: [] as string[] };
    const expected = await Promise.all(tokens.map((t) => gql(t, TOTALS, q, { url: rawGateway.url })));
    expect(expected[0]!.data).not.toEqual(expected[1]!.data);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => gql(tokens[i % 2]!, TOTALS, q)));
    answers.forEach((a, i) => expect(a.data).toEqual(expected[i % 2]!.data));
  });

  it('a caller narrowed by a setting the aggregates do not know reads the raw rows', () => {
    const none = new Set<string>();
    expect(aggregateSource({ 'app.tenant_id': 't', 'app.read_all': 'off' }, {}, none, false)).toBe('category');
    expect(aggregateSource({ 'app.tenant_id': 't', 'app.read_all': 'off', 'app.scope_unit': '' }, {}, none, false)).toBe('category');
    expect(aggregateSource({ 'app.tenant_id': 't' }, {}, new Set(['YEAR', 'DISTRICT']), false)).toBe('commune');
    expect(aggregateSource({ 'app.tenant_id': 't' }, { category: 'HEALTH' }, new Set(['DISTRICT']), false)).toBe('commune_detail');
    expect(aggregateSource({ 'app.tenant_id': 't', 'app.read_all': 'off', 'app.scope_unit': 'district:040' }, {}, none, false)).toBe('raw');
    // the unit scope of #14 as sessionSettings sends it: unscoped reads the tables, a scoped officer the rows
    const unscoped = { 'app.tenant_id': 't', 'app.read_all': 'off', 'app.scoped': 'off', 'app.scope_units': '{}', 'app.scope_sponsors': '{}' };
    expect(aggregateSource(unscoped, {}, none, false)).toBe('category');
    expect(aggregateSource({ ...unscoped, 'app.scoped': 'on', 'app.scope_units': '{0a1b}' }, {}, none, false)).toBe('raw');
    expect(aggregateSource({ 'app.tenant_id': 't' }, { programId: 'x' }, none, false)).toBe('raw');
    expect(aggregateSource({ 'app.tenant_id': 't' }, { contributedFrom: '2024-01-01' }, none, false)).toBe('raw');
    expect(aggregateSource({ 'app.tenant_id': 't' }, { someFilterAddedLater: 1 }, none, false)).toBe('raw');
    expect(aggregateSource({ 'app.tenant_id': 't' }, { year: 2024, statuses: ['DONE'], programId: null }, none, false)).toBe('category');
    expect(aggregateSource({ 'app.tenant_id': 't' }, {}, new Set(['SPONSOR', 'DISTRICT']), false)).toBe('raw');
    expect(aggregateSource({ 'app.tenant_id': 't' }, {}, new Set(['DISTRICT']), true)).toBe('raw');
    expect(aggregateSource({ 'app.tenant_id': 't' }, {}, new Set(['YEAR']), true)).toBe('sponsor');
  });
});
