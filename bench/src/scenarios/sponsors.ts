import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@kn/devkit/paths';
import { analystTokens, communeListProbes, communePool, COMMUNE_PAGE_FIELDS, spreadTenants } from './communes.js';
import { largestTenant, orderedListProbes } from './lists.js';
import { graphqlRequest, type BenchRequest, type DirectSql, type PreparedScenario, type Scenario, type ScenarioContext, type SqlProbe } from './types.js';

/**
 * The scenarios over the programs and sponsors subgraphs. Each checks its answers against the
 * database (read as superuser, computed independently of the services' code) before the load.
 */

const tenantOfToken = (r: BenchRequest, tokens: Map<string, string[]>): string | undefined => {
  const auth = r.headers.authorization?.replace(/^Bearer /, '');
  for (const [t, list] of tokens) if (auth && list.includes(auth)) return t;
  return undefined;
};

// ------------------------------------------------------------------------------------------------
// commune page across 3 subgraphs

const FEDERATED_FIELDS = `${COMMUNE_PAGE_FIELDS}
          programs { id code title }
          twinnings(year: 2024) { id status sponsor { id name kind } }
          sponsorship(year: 2024) { activeTwinnings totalVnd poorHouseholdsHelped modelsBuilt }`;

/**
 * What the commune page must say for each commune, computed here from the tables (superuser), by the
 * roll-up rule of docs/SPONSORS.md: a commune's own twinnings, and its predecessors' twinnings that
 * continue in it (a split predecessor's only when the twinning names this successor, or names none
 * and this is the first successor by code); further back along merges only (issue #18 §3: a
 * commune merged on 1/1/2020 into one the 2025 reform merged again).
 */
async function expectedCommunePages(ctx: ScenarioContext, ids: string[], year: number) {
  const { rows } = await ctx.db.query<{ target: string; active: string; total: string | null; households: string | null; models: string | null; programs: string }>(
    `with recursive target as (select distinct unnest($1::uuid[]) as id),
     preds as (
       select s.tenant_id, s.successor_id as target, s.predecessor_id as source,
              (select count(*) from communes.unit_succession x where x.tenant_id = s.tenant_id and x.predecessor_id = s.predecessor_id) > 1 as split,
              (select x.successor_id from communes.unit_succession x join communes.admin_unit u on u.tenant_id = x.tenant_id and u.id = x.successor_id
                where x.tenant_id = s.tenant_id and x.predecessor_id = s.predecessor_id order by u.code, u.id limit 1) as first_successor
         from communes.unit_succession s join target t on t.id = s.successor_id),
     -- further back (a commune merged in 2020 into one the 2025 reform merged again), along merges
     -- only: through a predecessor that was not split, to units with exactly one successor
     earlier(tenant_id, target, source) as (
       select p.tenant_id, p.target, x.predecessor_id from preds p
         join communes.unit_succession x on x.tenant_id = p.tenant_id and x.successor_id = p.source
        where not p.split
          and (select count(*) from communes.unit_succession y where y.tenant_id = x.tenant_id and y.predecessor_id = x.predecessor_id) = 1
       union
       select e.tenant_id, e.target, x.predecessor_id from earlier e
         join communes.unit_succession x on x.tenant_id = e.tenant_id and x.successor_id = e.source
        where (select count(*) from communes.unit_succession y where y.tenant_id = x.tenant_id and y.predecessor_id = x.predecessor_id) = 1),
     pairs as (
       select t.id as target, t.id as source, false as split, null::uuid as first_successor from target t
       union all select target, source, split, first_successor from preds
       union all select distinct target, source, false, null::uuid from earlier),
     tw as (
       select p.target, t.* from pairs p join sponsors.twinning t on t.commune_id = p.source
        where not p.split or coalesce(t.successor_commune_id, p.first_successor) = p.target)
     select t.id as target,
            (select count(*) from tw where tw.target = t.id and tw.status in ('ACTIVE', 'ENDED')
                and tw.starts_on <= make_date($2, 12, 31) and (tw.ends_on is null or tw.ends_on >= make_date($2, 1, 1))) as active,
            (select sum(c.cash_vnd + c.in_kind_vnd) from tw join sponsors.contribution c on c.tenant_id = tw.tenant_id and c.twinning_id = tw.id
               where tw.target = t.id and c.year = $2 and c.status in ('DONE', 'VERIFIED')) as total,
            (select sum(c.poor_households_helped) from tw join sponsors.contribution c on c.tenant_id = tw.tenant_id and c.twinning_id = tw.id
               where tw.target = t.id and c.year = $2 and c.status in ('DONE', 'VERIFIED')) as households,
            (select sum(c.models_built) from tw join sponsors.contribution c on c.tenant_id = tw.tenant_id and c.twinning_id = tw.id
               where tw.target = t.id and c.year = $2 and c.status in ('DONE', 'VERIFIED')) as models,
            (select count(*) from programs.covered_commune cc where cc.commune_id = t.id) as programs
       from target t`,
    [ids, year],
  );
  return new Map(
    rows.map((r) => [
      r.target,
      { active: Number(r.active), totalVnd: String(r.total ?? '0'), households: Number(r.households ?? 0), models: Number(r.models ?? 0), programs: Number(r.programs) },
    ]),
  );
}

export const communePageFederated: Scenario = {
  name: 'commune-page-federated',
  title: 'commune page across 3 subgraphs: the commune, its programmes, twinnings and sponsors',
  needs: ['communes', 'programs', 'sponsors'],
  targets: { p95Ms: 50 },
  async prepare(ctx): Promise<PreparedScenario> {
    const pool = await communePool(ctx, `query CommunePageFederated($id: ID!) { commune(id: $id) { ${FEDERATED_FIELDS} } }`);
    const ids = pool.requests.map((r) => JSON.parse(r.body).variables.id as string);
    const expected = await expectedCommunePages(ctx, ids, 2024);
    const twinned = [...expected.values()].filter((e) => e.active > 0).length;
    const big = await largestTenant(ctx);
    return {
      ...pool,
      describe: `${pool.describe}; ${twinned} of the ${ids.length} communes with a twinning active in 2024`,
      checkSample: 40,
      check(data, request) {
        const id = JSON.parse(request.body).variables.id as string;
        const c = data?.commune;
        const e = expected.get(id);
        if (!c?.id || !e) return `commune ${id} not found`;
        if (!c.province?.id) return `commune ${id}: no province`;
        if (c.programs.length !== e.programs) return `commune ${id}: ${c.programs.length} programmes, expected ${e.programs}`;
        if (c.twinnings.length !== e.active) return `commune ${id}: ${c.twinnings.length} twinnings in 2024, expected ${e.active}`;
        if (c.twinnings.some((t: any) => !t.sponsor?.name)) return `commune ${id}: a twinning without its sponsor`;
        const s = c.sponsorship;
        if (s.activeTwinnings !== e.active || s.totalVnd !== e.totalVnd || s.poorHouseholdsHelped !== e.households || s.modelsBuilt !== e.models) {
          return `commune ${id}: sponsorship ${JSON.stringify(s)}, expected ${JSON.stringify(e)}`;
        }
        return null;
      },
      sqlProbes: communeListProbes(ctx, FEDERATED_FIELDS, {
        token: () => ctx.token(big, 'analyst', { sub: `bench:${big}:analyst-probe` }),
        who: `an analyst of ${big}, the largest tenant`,
      }),
    };
  },
};

// ------------------------------------------------------------------------------------------------
// analyst's grouped totals

/**
 * The district each commune's contributions count under (docs/SPONSORS.md): an old commune's own
 * district; a commune created on 1/7/2025, the one pre-reform district all its predecessors lay in,
 * or none. Read from the communes tables (superuser) for the hand-written SQL, which gets it as
 * two bound arrays — as the service gets it from the communes subgraph as one bound parameter.
 */
async function districtMap(ctx: ScenarioContext, tenant: string): Promise<{ communes: string[]; districts: (string | null)[] }> {
  const { rows } = await ctx.db.query<{ id: string; district: string | null }>(
    `select u.id, coalesce(d.code, (
              select case when count(distinct pd.code) = 1 then min(pd.code) end
                from communes.unit_succession s
                join communes.admin_unit p on p.tenant_id = s.tenant_id and p.id = s.predecessor_id
                join communes.admin_unit pd on pd.tenant_id = p.tenant_id and pd.id = p.parent_id and pd.level = 'DISTRICT'
               where s.tenant_id = u.tenant_id and s.successor_id = u.id)) as district
       from communes.admin_unit u
       left join communes.admin_unit d on d.tenant_id = u.tenant_id and d.id = u.parent_id and d.level = 'DISTRICT'
      where u.tenant_id = $1 and u.level = 'COMMUNE'`,
    [tenant],
  );
  return { communes: rows.map((r) => r.id), districts: rows.map((r) => r.district) };
}

/** contributionTotals(filter: { yearFrom, yearTo }, groupBy: [YEAR, DISTRICT]) by hand: one statement. */
export const TOTALS_BY_YEAR_AND_DISTRICT_SQL = `
  with geo as (select * from unnest($2::uuid[], $3::text[]) as g(commune_id, district_code))
  select c.year, g.district_code,
         sum(c.cash_vnd) as cash, sum(c.in_kind_vnd) as in_kind,
         sum(c.poor_households_helped) as households, sum(c.models_built) as models,
         sum(case when c.reverses_id is null then 1 else -1 end) as n
    from sponsors.contribution c
    left join geo g on g.commune_id = c.commune_id
   where c.tenant_id = $1 and c.year between $4 and $5 and c.status in ('DONE', 'VERIFIED')
   group by 1, 2
   order by 1, 2 nulls last`;

const keyOf = (year: number, district: string | null) => `${year}|${district ?? ''}`;

export const analystTotals: Scenario = {
  name: 'analyst-totals',
  title: "analyst's grouped totals over a province and ten years (contributionTotals by year × district)",
  needs: ['communes', 'sponsors'],
  async prepare(ctx): Promise<PreparedScenario> {
    const tenants = spreadTenants(ctx.tenants);
    const tokens = await analystTokens(ctx, tenants);
    const query = `query Totals { contributionTotals(filter: { yearFrom: 2016, yearTo: 2025 }, groupBy: [YEAR, DISTRICT]) {
        key { year districtCode } cashVnd inKindVnd totalVnd poorHouseholdsHelped modelsBuilt count } }`;
    const directSql: DirectSql[] = [];
    const expected = new Map<string, Map<string, { cash: string; inKind: string; households: number; models: number; n: number }>>();
    for (const t of tenants) {
      const geo = await districtMap(ctx, t);
      const d: DirectSql = { subgraph: 'sponsors', role: 'owner', tenant: t, sql: TOTALS_BY_YEAR_AND_DISTRICT_SQL, params: [t, geo.communes, geo.districts, 2016, 2025], group: t };
      directSql.push(d);
      // the expected answer: the same statement, once, as the sponsors owner with the tenant set
      const rows = await ctx.asRole('sponsors', 'owner', async (c) => {
        await c.query('begin read only');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [t]);
        const r = await c.query(d.sql, d.params as unknown[]);
        await c.query('commit');
        return r.rows;
      });
      expected.set(
        t,
        new Map(rows.map((r) => [keyOf(r.year, r.district_code), { cash: String(r.cash), inKind: String(r.in_kind), households: Number(r.households), models: Number(r.models), n: Number(r.n) }])),
      );
    }
    const groups = [...expected.values()].reduce((s, m) => s + m.size, 0);
    return {
      requests: tenants.flatMap((t) => tokens.get(t)!.map((tok) => graphqlRequest(tok, query))),
      describe: `${tenants.length} tenants (${tenants.join(', ')}), 2016–2025, grouped by year and district (${Math.round(groups / tenants.length)} groups per tenant on average)`,
      checkSample: tenants.length * 2,
      check(data, request) {
        const t = tenantOfToken(request, tokens);
        const want = t ? expected.get(t) : undefined;
        const got = data?.contributionTotals;
        if (!want || !Array.isArray(got)) return 'no totals';
        if (got.length !== want.size) return `${t}: ${got.length} groups, expected ${want.size}`;
        for (const g of got) {
          const e = want.get(keyOf(g.key.year, g.key.districtCode));
          if (!e) return `${t}: unexpected group ${JSON.stringify(g.key)}`;
          if (g.cashVnd !== e.cash || g.inKindVnd !== e.inKind || BigInt(g.totalVnd) !== BigInt(e.cash) + BigInt(e.inKind) ||
              g.poorHouseholdsHelped !== e.households || g.modelsBuilt !== e.models || g.count !== e.n) {
            return `${t} ${JSON.stringify(g.key)}: ${JSON.stringify(g)}, the SQL says ${JSON.stringify(e)}`;
          }
        }
        return null;
      },
      directSql,
      sqlProbes: [...(await totalsProbes(ctx)), ...orderedListProbes(ctx, 'contributions')],
    };
  },
};

/**
 * "Rows" of grouped totals are groups: the same operation (groupBy: [SPONSOR], ten years) over a
 * kind of sponsor with about ten members in one tenant, and over every sponsor of the tenant with
 * the most (≈ 1,000 groups).
 */
async function totalsProbes(ctx: ScenarioContext): Promise<SqlProbe[]> {
  const { rows } = await ctx.db.query<{ tenant_id: string; kind: string; n: string }>(
    `select tenant_id, kind, count(*) as n from sponsors.sponsor group by 1, 2`,
  );
  const small = [...rows].sort((a, b) => Math.abs(Number(a.n) - 10) - Math.abs(Number(b.n) - 10) || a.tenant_id.localeCompare(b.tenant_id))[0]!;
  const perTenant = new Map<string, number>();
  for (const r of rows) perTenant.set(r.tenant_id, (perTenant.get(r.tenant_id) ?? 0) + Number(r.n));
  const big = [...perTenant].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const query = `query Probe($kind: SponsorKind) { contributionTotals(filter: { yearFrom: 2016, yearTo: 2025, sponsorKind: $kind }, groupBy: [SPONSOR]) {
      key { sponsorId } totalVnd count } }`;
  return [
    {
      describe: `groups of contributionTotals(groupBy: [SPONSOR], 2016–2025): ${small.kind} sponsors of ${small.tenant_id} (small), every sponsor of ${big} (large)`,
      sizes: [10, 1000],
      async build(size) {
        const tenant = size <= 10 ? small.tenant_id : big;
        const token = await ctx.token(tenant, 'analyst', { sub: `bench:${tenant}:analyst-probe` });
        return {
          request: graphqlRequest(token, query, { kind: size <= 10 ? small.kind : null }),
          rows: (data: any) => data?.contributionTotals?.length ?? 0,
        };
      },
    },
  ];
}

// ------------------------------------------------------------------------------------------------
// the province dashboard's hand-written SQL

/** What each statement of the dashboard's hand-written SQL computes (the check reads the same statements). */
export type DashboardFigure = 'border' | 'borderWithTwinning' | 'money' | 'grades' | 'reports' | 'measurements' | 'distribution';

/** The report statuses on a day, as docs/EVALUATIONS.md defines them (a submission after the day had not happened yet). */
const REPORT_STATUS_SQL = `case when r.submitted_on is not null and r.submitted_on <= $3::date
            then case when r.submitted_on <= r.due_on then 'SUBMITTED_ON_TIME' else 'SUBMITTED_LATE' end
          when r.due_on < $3::date then 'OVERDUE' else 'PENDING' end`;

/**
 * The statements that compute the dashboard's figures of one tenant and year, by hand, as each
 * subgraph's owner with the tenant set: border communes on 31/12 (communes), border communes with
 * an active twinning by the roll-up rule (sponsors, the border communes and their predecessors
 * bound as arrays), the year's totals (sponsors); the grades of the evaluations in force (the
 * latest approved run of each programme, else its draft), the reports on periods of the year by
 * status on `asOf` (overdue among them), and the communes' measurements of the year and the year
 * before (NTM and poverty figures, the histogram of criteria met) (evaluations).
 */
export async function dashboardStatements(
  ctx: ScenarioContext,
  tenants: string[],
  year: number,
  asOf: string,
): Promise<(DirectSql & { tenant: string; figure: DashboardFigure })[]> {
  const out: (DirectSql & { tenant: string; figure: DashboardFigure })[] = [];
  const day = `${year}-12-31`;
  for (const t of tenants) {
    // the border communes valid on the day, and every commune whose twinnings count under one of them
    const { rows } = await ctx.db.query<{ target: string; source: string; split: boolean; first_successor: string | null }>(
      `with recursive border as (
         select u.id from communes.admin_unit u join communes.unit_classification k on k.tenant_id = u.tenant_id and k.unit_id = u.id
          where u.tenant_id = $1 and u.level = 'COMMUNE' and k.classification = 'BORDER'
            and (u.valid_from is null or u.valid_from <= $2::date) and (u.valid_to is null or u.valid_to >= $2::date)),
       preds as (
         select s.successor_id as target, s.predecessor_id as source,
                (select count(*) from communes.unit_succession x where x.tenant_id = s.tenant_id and x.predecessor_id = s.predecessor_id) > 1 as split,
                (select x.successor_id from communes.unit_succession x join communes.admin_unit u on u.tenant_id = x.tenant_id and u.id = x.successor_id
                  where x.tenant_id = s.tenant_id and x.predecessor_id = s.predecessor_id order by u.code, u.id limit 1) as first_successor
           from communes.unit_succession s join border b on b.id = s.successor_id where s.tenant_id = $1),
       -- further back along merges only, as the sponsors subgraph rolls up (see expectedCommunePages)
       earlier(target, source) as (
         select p.target, x.predecessor_id from preds p join communes.unit_succession x on x.tenant_id = $1 and x.successor_id = p.source
          where not p.split and (select count(*) from communes.unit_succession y where y.tenant_id = $1 and y.predecessor_id = x.predecessor_id) = 1
         union
         select e.target, x.predecessor_id from earlier e join communes.unit_succession x on x.tenant_id = $1 and x.successor_id = e.source
          where (select count(*) from communes.unit_succession y where y.tenant_id = $1 and y.predecessor_id = x.predecessor_id) = 1)
       select b.id as target, b.id as source, false as split, null::uuid as first_successor from border b
       union all select target, source, split, first_successor from preds
       union all select distinct target, source, false, null::uuid from earlier`,
      [t, day],
    );
    out.push(
      {
        figure: 'border', subgraph: 'communes', role: 'owner', tenant: t, group: t,
        sql: `select count(*)::int as n from communes.admin_unit u join communes.unit_classification k on k.tenant_id = u.tenant_id and k.unit_id = u.id
               where u.tenant_id = $1 and u.level = 'COMMUNE' and k.classification = 'BORDER'
                 and (u.valid_from is null or u.valid_from <= $2::date) and (u.valid_to is null or u.valid_to >= $2::date)`,
        params: [t, day],
      },
      {
        figure: 'borderWithTwinning', subgraph: 'sponsors', role: 'owner', tenant: t, group: t,
        sql: `select count(distinct p.target)::int as n from unnest($2::uuid[], $3::uuid[], $4::boolean[], $5::uuid[]) as p(target, source, split, first_successor)
                join sponsors.twinning tw on tw.tenant_id = $1 and tw.commune_id = p.source
               where tw.status in ('ACTIVE', 'ENDED') and tw.starts_on <= make_date($6, 12, 31) and (tw.ends_on is null or tw.ends_on >= make_date($6, 1, 1))
                 and (not p.split or coalesce(tw.successor_commune_id, p.first_successor) = p.target)`,
        params: [t, rows.map((r) => r.target), rows.map((r) => r.source), rows.map((r) => r.split), rows.map((r) => r.first_successor), year],
      },
      {
        figure: 'money', subgraph: 'sponsors', role: 'owner', tenant: t, group: t,
        sql: `select coalesce(sum(c.cash_vnd), 0)::text as cash_vnd, coalesce(sum(c.in_kind_vnd), 0)::text as in_kind_vnd,
                     coalesce(sum(c.poor_households_helped), 0)::int as households, coalesce(sum(c.models_built), 0)::int as models
                from sponsors.contribution c where c.tenant_id = $1 and c.year = $2 and c.status in ('DONE', 'VERIFIED')`,
        params: [t, year],
      },
      {
        figure: 'grades', subgraph: 'evaluations', role: 'owner', tenant: t, group: t,
        sql: `with inforce as (
                select distinct on (r.program_id) r.id from evaluations.evaluation_run r
                 where r.tenant_id = $1 and r.year = $2 and r.status in ('APPROVED', 'DRAFT')
                 order by r.program_id, (r.status = 'APPROVED') desc, coalesce(r.approved_at, r.computed_at) desc, r.id)
              select e.grade, count(*)::int as n from inforce i join evaluations.sponsor_evaluation e on e.tenant_id = $1 and e.run_id = i.id
               where e.grade is not null group by 1`,
        params: [t, year],
      },
      {
        figure: 'reports', subgraph: 'evaluations', role: 'owner', tenant: t, group: t,
        sql: `select ${REPORT_STATUS_SQL} as status, count(*)::int as n from evaluations.report r
               where r.tenant_id = $1 and r.period_start between make_date($2, 1, 1) and make_date($2, 12, 31) group by 1`,
        params: [t, year, asOf],
      },
      {
        figure: 'measurements', subgraph: 'evaluations', role: 'owner', tenant: t, group: t,
        sql: `select m.year::int as year, count(*)::int as communes, sum(m.households)::bigint::text as households, sum(m.poor_households)::bigint::text as poor,
                     sum(m.near_poor_households)::bigint::text as near_poor, count(*) filter (where m.ntm_certified)::int as certified,
                     round(sum(m.criteria_met_count)::numeric / nullif(count(m.criteria_met_count), 0), 2)::text as average,
                     round(100 * sum(m.poor_households)::numeric / nullif(sum(m.households), 0), 2)::text as rate,
                     round(100 * sum(m.near_poor_households)::numeric / nullif(sum(m.households), 0), 2)::text as near_poor_rate
                from evaluations.commune_measurement m where m.tenant_id = $1 and m.year in ($2, $2 - 1) group by 1`,
        params: [t, year],
      },
      {
        figure: 'distribution', subgraph: 'evaluations', role: 'owner', tenant: t, group: t,
        sql: `select m.criteria_met_count::int as k, count(*)::int as n from evaluations.commune_measurement m
               where m.tenant_id = $1 and m.year = $2 and m.criteria_met_count is not null group by 1`,
        params: [t, year],
      },
    );
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// a partner's recordContribution

interface ManifestOperation {
  id: string;
  name: string;
  body: string;
}
const manifestOperation = (name: string): ManifestOperation => {
  const manifest = JSON.parse(readFileSync(join(repoRoot(), 'operations', 'manifest.json'), 'utf8')) as { operations: ManifestOperation[] };
  const op = manifest.operations.find((o) => o.name === name);
  if (!op) throw new Error(`operations/manifest.json has no ${name}`);
  return op;
};

const PARTNER_KEY_NAME = 'bench partner key';
const PARTNER_MARK = '(benchmark)';

/**
 * Removes what partner runs wrote (their contributions, idempotency records, audit rows) and their
 * keys, as the sponsors owner with each tenant set: the national dataset stays as generated. A
 * partner's contributions are DONE, never VERIFIED, so the database lets the owner delete them.
 */
async function cleanPartnerWrites(ctx: ScenarioContext, tenants: string[]): Promise<number> {
  return ctx.asRole('sponsors', 'owner', async (c) => {
    let removed = 0;
    for (const t of tenants) {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true), set_config('app.read_all', 'off', true)`, [t]);
      await c.query(`delete from sponsors.idempotency_key where tenant_id = $1 and key like 'bench-%'`, [t]);
      // written with a key (created_by apikey:…) or, by the baselines, with the sponsor's bearer token (bench:…)
      removed += (
        await c.query(
          `delete from sponsors.contribution where tenant_id = $1 and (created_by like 'apikey:%' or created_by like 'bench:%') and description like $2`,
          [t, `%${PARTNER_MARK}`],
        )
      ).rowCount ?? 0;
      // the partners' writes (actor apikey:…, or the sponsor's bearer token bench:…) and the admin's key creations (bench:…)
      await c.query(`delete from sponsors.audit_log where tenant_id = $1 and (actor like 'apikey:%' or actor like 'bench:%')`, [t]);
      await c.query(`delete from sponsors.api_key where tenant_id = $1 and name like $2`, [t, `${PARTNER_KEY_NAME}%`]);
      await c.query('commit');
    }
    return removed;
  });
}

const CATEGORIES = ['EDUCATION', 'HEALTH', 'ECONOMIC_DEVELOPMENT', 'INFRASTRUCTURE', 'SOCIAL_SECURITY'];

export const partnerRecordContribution: Scenario = {
  name: 'partner-record-contribution',
  title: "partner's recordContribution through a trusted document with an API key",
  needs: ['communes', 'sponsors'],
  comparisonNote:
    'not the same work: the shipped gateway checks the API key with the sponsors subgraph on every request (one more subgraph request, 4 more statements) and resolves the trusted document; the baselines get a bearer token and the full document',
  async prepare(ctx): Promise<PreparedScenario> {
    const tenants = spreadTenants(ctx.tenants);
    const left = await cleanPartnerWrites(ctx, tenants);
    const op = manifestOperation('RecordContribution');
    // partners: per tenant, the 4 sponsors (by code) with the most twinnings open on the day written
    const day = '2026-06-15';
    const { rows } = await ctx.db.query<{ tenant_id: string; sponsor_id: string; twinnings: string[] }>(
      `select tenant_id, sponsor_id, twinnings from (
         select t.tenant_id, t.sponsor_id, array_agg(t.id::text order by t.code) as twinnings,
                row_number() over (partition by t.tenant_id order by count(*) desc, min(s.code)) as k
           from sponsors.twinning t join sponsors.sponsor s on s.tenant_id = t.tenant_id and s.id = t.sponsor_id
          where t.tenant_id = any($1) and t.status = 'ACTIVE' and t.starts_on <= $2::date and t.ends_on is null
          group by 1, 2) x
        where k <= 4 order by tenant_id, k`,
      [tenants, day],
    );
    if (rows.length === 0) throw new Error('no active twinnings to write to: is the national dataset loaded?');
    const nonce = `${Date.now().toString(36)}`;
    const partners: { tenant: string; sponsorId: string; twinnings: string[]; secret: string; bearer: string }[] = [];
    for (const r of rows) {
      const admin = await ctx.token(r.tenant_id, 'admin', { sub: `bench:${r.tenant_id}:admin` });
      const res = await ctx.send(
        graphqlRequest(admin, `mutation($s: ID!, $n: String!) { createApiKey(sponsorId: $s, name: $n) { secret key { id } } }`, {
          s: r.sponsor_id,
          n: `${PARTNER_KEY_NAME} ${nonce}`,
        }),
      );
      const secret = res?.data?.createApiKey?.secret;
      if (typeof secret !== 'string') throw new Error(`createApiKey for ${r.tenant_id}/${r.sponsor_id}: ${JSON.stringify(res).slice(0, 300)}`);
      const bearer = await ctx.token(r.tenant_id, 'sponsor', { sub: `bench:${r.tenant_id}:partner:${r.sponsor_id}`, sponsorId: r.sponsor_id });
      partners.push({ tenant: r.tenant_id, sponsorId: r.sponsor_id, twinnings: r.twinnings, secret, bearer });
    }
    // one pool entry per (partner, twinning), interleaving tenants; the figures depend on the entry,
    // the idempotency key on the send (unique per request of the run)
    const entries: { partner: (typeof partners)[number]; twinningId: string; k: number }[] = [];
    const maxTw = Math.max(...partners.map((p) => p.twinnings.length));
    for (let j = 0; j < maxTw; j++) for (const p of partners) if (p.twinnings[j]) entries.push({ partner: p, twinningId: p.twinnings[j]!, k: entries.length });
    const input = (e: (typeof entries)[number]) => ({
      twinningId: e.twinningId,
      contributedOn: day,
      category: CATEGORIES[e.k % CATEGORIES.length],
      description: `Hỗ trợ qua hệ thống của đối tác, lần ${e.k + 1} ${PARTNER_MARK}`,
      cashVnd: String(1_000_000 * (1 + (e.k % 50))),
      inKindVnd: String(500_000 * (e.k % 7)),
      poorHouseholdsHelped: e.k % 4,
      beneficiaries: 10 + (e.k % 30),
    });
    const make = (e: (typeof entries)[number], viaKey: boolean): BenchRequest => {
      const headers = { 'content-type': 'application/json', authorization: viaKey ? `ApiKey ${e.partner.secret}` : `Bearer ${e.partner.bearer}` };
      const bodyFor = (seq: number) => {
        const variables = { idempotencyKey: `bench-${nonce}-${viaKey ? 'k' : 'b'}-${seq}`, input: input(e) };
        return JSON.stringify(viaKey ? { documentId: `sha256:${op.id}`, variables } : { query: op.body, variables });
      };
      return { headers, body: bodyFor(-1), bodyFor };
    };
    const viaKey = entries.map((e) => make(e, true));
    const viaBearer = entries.map((e) => make(e, false));
    const expectedOf = new Map<BenchRequest, ReturnType<typeof input>>();
    entries.forEach((e, i) => {
      expectedOf.set(viaKey[i]!, input(e));
      expectedOf.set(viaBearer[i]!, input(e));
    });

    // idempotency, checked once through the API before the load: the same key answers the same
    // contribution; the same key with another payload is a CONFLICT
    const e0 = entries[0]!;
    const once = JSON.stringify({ documentId: `sha256:${op.id}`, variables: { idempotencyKey: `bench-${nonce}-idem`, input: input(e0) } });
    const asKey = { 'content-type': 'application/json', authorization: `ApiKey ${e0.partner.secret}` };
    const first = await ctx.send({ headers: asKey, body: once });
    const again = await ctx.send({ headers: asKey, body: once });
    const conflict = await ctx.send({
      headers: asKey,
      body: JSON.stringify({ documentId: `sha256:${op.id}`, variables: { idempotencyKey: `bench-${nonce}-idem`, input: { ...input(e0), cashVnd: '1' } } }),
    });
    const firstId = first?.data?.recordContribution?.id;
    if (!firstId || again?.data?.recordContribution?.id !== firstId || conflict?.errors?.[0]?.extensions?.code !== 'CONFLICT') {
      throw new Error(`partner idempotency: ${JSON.stringify({ first, again, conflict }).slice(0, 600)}`);
    }

    const byKey = new Map(partners.map((p) => [p.secret, p]));
    return {
      requests: viaKey,
      describe:
        `${partners.length} partner keys (${tenants.length} tenants × up to 4 sponsors), ${entries.length} of their twinnings, a unique idempotency key per request` +
        `${left ? ` (${left} rows of an earlier run removed first)` : ''}; baselines send the same write with the sponsor's bearer token and the full document`,
      checkSample: 16,
      requestsFor: (engine) => (engine.shipped ? viaKey : viaBearer),
      check(data, request) {
        const c = data?.recordContribution;
        const want = expectedOf.get(request);
        if (!c?.id || !want) return 'no contribution';
        if (c.status !== 'DONE' || c.category !== want.category || c.contributedOn !== want.contributedOn) return `unexpected ${JSON.stringify(c)}`;
        if (c.cashVnd !== want.cashVnd || c.inKindVnd !== want.inKindVnd || BigInt(c.totalVnd) !== BigInt(want.cashVnd) + BigInt(want.inKindVnd)) {
          return `amounts ${JSON.stringify(c)}, sent ${JSON.stringify(want)}`;
        }
        const key = request.headers.authorization?.replace(/^ApiKey /, '');
        if (key && request.headers.authorization?.startsWith('ApiKey') && !byKey.has(key)) return 'unknown key';
        return null;
      },
      sqlProbes: [
        {
          describe: 'one write (recordContribution; with an API key the key check is counted too)',
          sizes: [1],
          informational: 'a write of one row: there is no result size to vary',
          async build(_size, _send, engine) {
            // a fresh idempotency key on every send (the harness sends a probe once uncounted first)
            const r = (engine.shipped ? viaKey : viaBearer)[0]!;
            return { request: r, rows: (d: any) => (d?.recordContribution?.id ? 1 : 0) };
          },
        },
      ],
      async finish() {
        // writes still in flight when the load tool stopped land within a moment; the next run's
        // prepare removes any that land later still
        await new Promise((r) => setTimeout(r, 2000));
        await cleanPartnerWrites(ctx, tenants);
      },
    };
  },
};
