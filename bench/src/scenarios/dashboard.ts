import { analystTokens, spreadTenants } from './communes.js';
import { dashboardStatements, type DashboardFigure } from './sponsors.js';
import { graphqlRequest, type BenchRequest, type PreparedScenario, type Scenario, type ScenarioContext, type SqlProbe } from './types.js';

/**
 * The province dashboard: `provinceDashboard(year)` answered by three subgraphs in one request —
 * communes (border communes), sponsors (money, households helped, models, border communes with a
 * twinning) and evaluations (grades of the evaluations in force, reports by status and overdue on
 * `asOf`, NTM criteria and poverty of the communes measured; it asks the programs subgraph for the
 * year's targets). Every answer is checked against the hand-written SQL's own results, which are
 * also the floor the end-to-end time is compared with.
 */

const YEAR = 2024;
/**
 * The day report statuses are derived against: after the year's plans were due (31/03) and before
 * the year-end assessments are (15/01 of the next year), so every status occurs, and a late
 * submission dated after the day counts as not yet in.
 */
const AS_OF = '2025-01-10';
const GRADES = ['EXCELLENT', 'GOOD', 'FAIR', 'AVERAGE', 'WEAK'];
const STATUSES = ['PENDING', 'SUBMITTED_ON_TIME', 'SUBMITTED_LATE', 'OVERDUE'];

const QUERY = `query Dashboard($year: Int!, $asOf: Date) { provinceDashboard(year: $year, asOf: $asOf) {
  year asOf
  borderCommunes
  borderCommunesWithTwinning totalVnd cashVnd inKindVnd poorHouseholdsHelped modelsBuilt
  gradeDistribution { grade count } overdueReports reports { status count }
  ntm { communesMeasured certifiedCommunes averageCriteriaMet distribution { criteriaMet communes } }
  poverty { communesMeasured households poorHouseholds nearPoorHouseholds rate nearPoorRate previousRate reduction }
} }`;

interface Expected {
  border: number;
  borderWithTwinning: number;
  cashVnd: string;
  inKindVnd: string;
  households: number;
  models: number;
  grades: Map<string, number>;
  reports: Map<string, number>;
  measured: Map<number, { communes: number; households: string; poor: string; nearPoor: string; certified: number; average: string | null; rate: string | null; nearPoorRate: string | null }>;
  distribution: Map<number, number>;
}

/** Runs the hand-written statements (superuser, the tenant in every WHERE) and keeps their answers. */
async function expectedDashboards(ctx: ScenarioContext, tenants: string[]) {
  const statements = await dashboardStatements(ctx, tenants, YEAR, AS_OF);
  const out = new Map<string, Expected>();
  for (const t of tenants) {
    const mine = new Map<DashboardFigure, any[]>();
    for (const s of statements.filter((x) => x.tenant === t)) mine.set(s.figure, (await ctx.db.query(s.sql, s.params)).rows);
    const money = mine.get('money')![0];
    out.set(t, {
      border: mine.get('border')![0].n,
      borderWithTwinning: mine.get('borderWithTwinning')![0].n,
      cashVnd: money.cash_vnd,
      inKindVnd: money.in_kind_vnd,
      households: money.households,
      models: money.models,
      grades: new Map(mine.get('grades')!.map((r) => [r.grade, r.n])),
      reports: new Map(mine.get('reports')!.map((r) => [r.status, r.n])),
      measured: new Map(
        mine.get('measurements')!.map((r) => [
          r.year,
          { communes: r.communes, households: r.households, poor: r.poor, nearPoor: r.near_poor, certified: r.certified, average: r.average, rate: r.rate, nearPoorRate: r.near_poor_rate },
        ]),
      ),
      distribution: new Map(mine.get('distribution')!.map((r) => [r.k, r.n])),
    });
  }
  return { statements, expected: out };
}

/** Decimal texts equal as numbers (the API trims trailing zeros: "4.10" is "4.1"); null only with null. */
const sameDecimal = (a: string | null | undefined, b: string | null | undefined) => (a == null || b == null ? (a ?? null) === (b ?? null) : Number(a) === Number(b));

/** What is wrong with one answer, or null. */
export function checkDashboard(d: any, e: Expected, tenant: string): string | null {
  const say = (what: string, got: unknown, want: unknown) => `${tenant}: ${what} ${JSON.stringify(got)}, the SQL says ${JSON.stringify(want)}`;
  if (!d) return `${tenant}: no dashboard`;
  if (d.year !== YEAR || d.asOf !== AS_OF) return say('year/asOf', [d.year, d.asOf], [YEAR, AS_OF]);
  if (d.borderCommunes !== e.border) return say('borderCommunes', d.borderCommunes, e.border);
  if (d.borderCommunesWithTwinning !== e.borderWithTwinning) return say('borderCommunesWithTwinning', d.borderCommunesWithTwinning, e.borderWithTwinning);
  if (d.cashVnd !== e.cashVnd || d.inKindVnd !== e.inKindVnd || BigInt(d.totalVnd) !== BigInt(e.cashVnd) + BigInt(e.inKindVnd)) {
    return say('money', [d.cashVnd, d.inKindVnd, d.totalVnd], [e.cashVnd, e.inKindVnd]);
  }
  if (d.poorHouseholdsHelped !== e.households || d.modelsBuilt !== e.models) return say('households/models', [d.poorHouseholdsHelped, d.modelsBuilt], [e.households, e.models]);
  const grades = GRADES.map((g) => ({ grade: g, count: e.grades.get(g) ?? 0 }));
  if (JSON.stringify(d.gradeDistribution) !== JSON.stringify(grades)) return say('gradeDistribution', d.gradeDistribution, grades);
  if ([...e.grades.values()].reduce((a, b) => a + b, 0) === 0) return `${tenant}: no graded evaluation in force for ${YEAR}: is the evaluations part loaded?`;
  const reports = STATUSES.map((s) => ({ status: s, count: e.reports.get(s) ?? 0 }));
  if (JSON.stringify(d.reports) !== JSON.stringify(reports)) return say('reports', d.reports, reports);
  if (d.overdueReports !== (e.reports.get('OVERDUE') ?? 0)) return say('overdueReports', d.overdueReports, e.reports.get('OVERDUE') ?? 0);
  const now = e.measured.get(YEAR);
  const before = e.measured.get(YEAR - 1);
  if (!now) return d.ntm === null && d.poverty === null ? null : say('ntm/poverty', [d.ntm, d.poverty], null);
  const n = d.ntm;
  if (!n || n.communesMeasured !== now.communes || n.certifiedCommunes !== now.certified || !sameDecimal(n.averageCriteriaMet, now.average)) {
    return say('ntm', n && { communesMeasured: n.communesMeasured, certifiedCommunes: n.certifiedCommunes, averageCriteriaMet: n.averageCriteriaMet }, now);
  }
  for (const row of n.distribution) {
    if (row.communes !== (e.distribution.get(row.criteriaMet) ?? 0)) return say(`ntm.distribution[${row.criteriaMet}]`, row.communes, e.distribution.get(row.criteriaMet) ?? 0);
  }
  if (n.distribution.reduce((a: number, r: any) => a + r.communes, 0) !== [...e.distribution.values()].reduce((a, b) => a + b, 0)) return say('ntm.distribution', n.distribution, [...e.distribution]);
  const p = d.poverty;
  const reduction = before?.rate != null && now.rate != null ? (Number(before.rate) - Number(now.rate)).toFixed(2) : null;
  if (
    !p || p.communesMeasured !== now.communes || String(p.households) !== now.households || String(p.poorHouseholds) !== now.poor ||
    String(p.nearPoorHouseholds) !== now.nearPoor || !sameDecimal(p.rate, now.rate) || !sameDecimal(p.nearPoorRate, now.nearPoorRate) ||
    !sameDecimal(p.previousRate, before?.rate ?? null) || !sameDecimal(p.reduction, reduction)
  ) {
    return say('poverty', p, { ...now, previousRate: before?.rate ?? null, reduction });
  }
  return null;
}

/**
 * "Rows" of a dashboard are what its statements aggregate: the communes measured, the reports and
 * the sponsor evaluations of the year. The smallest and the largest tenant by those rows.
 */
async function dashboardProbes(ctx: ScenarioContext): Promise<SqlProbe[]> {
  const { rows } = await ctx.db.query<{ tenant_id: string; n: string }>(
    `select t.slug as tenant_id,
            (select count(*) from evaluations.commune_measurement m where m.tenant_id = t.slug and m.year = $1)
          + (select count(*) from evaluations.report r where r.tenant_id = t.slug and r.period_start between make_date($1, 1, 1) and make_date($1, 12, 31))
          + (select count(*) from evaluations.evaluation_run r join evaluations.sponsor_evaluation e on e.tenant_id = r.tenant_id and e.run_id = r.id
              where r.tenant_id = t.slug and r.year = $1) as n
       from unnest($2::text[]) as t(slug) order by n, t.slug`,
    [YEAR, ctx.tenants],
  );
  const small = rows[0]!;
  const big = rows.at(-1)!;
  const rowsOf = (data: any) => {
    const d = data?.provinceDashboard;
    if (!d) return 0;
    const graded = d.gradeDistribution.reduce((a: number, g: any) => a + g.count, 0);
    return (d.ntm?.communesMeasured ?? 0) + d.reports.reduce((a: number, r: any) => a + r.count, 0) + graded;
  };
  return [
    {
      describe: `rows aggregated by one dashboard (communes measured + reports + sponsors graded in ${YEAR}): ${small.tenant_id} (smallest, ${small.n}) and ${big.tenant_id} (largest, ${big.n})`,
      sizes: [10, 1000],
      async build(size) {
        const tenant = size <= 10 ? small.tenant_id : big.tenant_id;
        const token = await ctx.token(tenant, 'analyst', { sub: `bench:${tenant}:analyst-probe` });
        return { request: graphqlRequest(token, QUERY, { year: YEAR, asOf: AS_OF }), rows: rowsOf };
      },
    },
  ];
}

export const provinceDashboard: Scenario = {
  name: 'province-dashboard',
  title: 'province dashboard (provinceDashboard(year)) in one request',
  needs: ['communes', 'programs', 'sponsors', 'evaluations'],
  targets: { p95Ms: 150, maxRatioToSql: 3 },
  async prepare(ctx): Promise<PreparedScenario> {
    const tenants = spreadTenants(ctx.tenants);
    // analysts: the least-privileged role `evaluations.dashboard` admits (admin, officer, analyst)
    const tokens = await analystTokens(ctx, tenants);
    const { statements, expected } = await expectedDashboards(ctx, tenants);
    const tenantOf = new Map<string, string>();
    const requests: BenchRequest[] = [];
    // interleaving tenants, users alternating
    for (let k = 0; k < 2; k++) {
      for (const t of tenants) {
        const r = graphqlRequest(tokens.get(t)![k]!, QUERY, { year: YEAR, asOf: AS_OF });
        tenantOf.set(r.headers.authorization!, t);
        requests.push(r);
      }
    }
    return {
      requests,
      describe: `${tenants.length} tenants (${tenants.join(', ')}) × 2 analysts, year ${YEAR}, reports as of ${AS_OF}`,
      checkSample: requests.length,
      check(data, request) {
        const t = tenantOf.get(request.headers.authorization ?? '');
        const e = t ? expected.get(t) : undefined;
        if (!t || !e) return 'unknown tenant';
        return checkDashboard(data?.provinceDashboard, e, t);
      },
      // the same statements the check read, one group per tenant: communes 1, sponsors 2, evaluations 4
      directSql: statements.map(({ figure: _figure, ...s }) => s),
      sqlProbes: await dashboardProbes(ctx),
    };
  },
};
