import DataLoader from 'dataloader';
import { objectKeyLoader, tenantWhere, type RequestContext } from '@kn/platform';
import { yearEnd, yearStart } from '../common/sql.js';
import { DECISION_JOIN, IN_FORCE_ORDER } from '../evaluations/rows.js';
import { STATUS_SQL } from '../reports/calendar.js';
import { fetchTargets, type YearTargets } from './targets.js';

export interface MeasurementStats {
  communes: number;
  households: number;
  poor: number;
  nearPoor: number;
  certified: number;
  criteriaSum: number;
  assessed: number;
  setCode: string | null;
  histogram: Map<number, number>;
  perCriterion: Map<number, number>;
}

const EMPTY: MeasurementStats = {
  communes: 0, households: 0, poor: 0, nearPoor: 0, certified: 0, criteriaSum: 0, assessed: 0, setCode: null,
  histogram: new Map(), perCriterion: new Map(),
};

/**
 * The dashboards' figures, per request and memoised by key, each ONE statement whatever the number
 * of communes, reports or evaluations: grades and report statuses per tenant (the national role
 * gets every province's in the same statement), measurement statistics of a year, targets (one
 * request to the programs subgraph).
 */
export function createDashboardLoaders(ctx: RequestContext<unknown>) {
  /** year → tenant → grade → count, over the runs in force (approved, else draft) of every programme. */
  const gradesByTenant = new DataLoader<number, Map<string, Map<string, number>>>(async (years) =>
    Promise.all(
      years.map(async (y) => {
        const em = await ctx.em();
        const w = tenantWhere('r', ctx.readTenants);
        const rows = await em.execute(
          `with inforce as (
             select distinct on (r.tenant_id, r.program_id) r.tenant_id, r.id from evaluations.evaluation_run r
              where ${w.sql} and r.year = ? and r.status in ('APPROVED', 'DRAFT')
              order by r.tenant_id, r.program_id, ${IN_FORCE_ORDER})
           select i.tenant_id, coalesce(d.grade, e.grade) as grade, count(*)::int as n
             from inforce i join evaluations.sponsor_evaluation e on e.tenant_id = i.tenant_id and e.run_id = i.id
             ${DECISION_JOIN}
            where coalesce(d.grade, e.grade) is not null group by 1, 2`,
          [...w.params, y],
        );
        const out = new Map<string, Map<string, number>>();
        for (const r of rows) {
          const t = out.get(r.tenant_id as string) ?? new Map<string, number>();
          t.set(r.grade as string, Number(r.n));
          out.set(r.tenant_id as string, t);
        }
        return out;
      }),
    ),
  );

  /** `{ year, asOf }` → tenant → status → count of the reports on periods of the year. */
  const reportsByTenant = objectKeyLoader<{ year: number; asOf: string }, Map<string, Map<string, number>>>(
    (keys) =>
    Promise.all(
      keys.map(async ({ year: y, asOf }) => {
        const em = await ctx.em();
        const w = tenantWhere('r', ctx.readTenants);
        const rows = await em.execute(
          `select r.tenant_id, ${STATUS_SQL('r')} as status, count(*)::int as n from evaluations.report r
            where ${w.sql} and r.period_start between ?::date and ?::date group by 1, 2`,
          [asOf, asOf, ...w.params, yearStart(Number(y)), yearEnd(Number(y))],
        );
        const out = new Map<string, Map<string, number>>();
        for (const r of rows) {
          const t = out.get(r.tenant_id as string) ?? new Map<string, number>();
          t.set(r.status as string, Number(r.n));
          out.set(r.tenant_id as string, t);
        }
        return out;
      }),
    ),
    ['year', 'asOf'],
  );

  /** year → the province's measurement statistics of that year (the caller's tenant). */
  const measurementStats = new DataLoader<number, MeasurementStats>(async (years) => {
    const em = await ctx.em();
    const rows = await em.execute(
      `with m as (select * from evaluations.commune_measurement m where m.tenant_id = ? and m.year = any(?::int[]))
       select y.year,
              (select count(*) from m where m.year = y.year)::int as communes,
              (select coalesce(sum(households), 0) from m where m.year = y.year)::bigint as households,
              (select coalesce(sum(poor_households), 0) from m where m.year = y.year)::bigint as poor,
              (select coalesce(sum(near_poor_households), 0) from m where m.year = y.year)::bigint as near_poor,
              (select count(*) from m where m.year = y.year and ntm_certified)::int as certified,
              (select coalesce(sum(criteria_met_count), 0) from m where m.year = y.year)::bigint as criteria_sum,
              (select count(criteria_met_count) from m where m.year = y.year)::int as assessed,
              (select criteria_set_code from m where m.year = y.year and criteria_set_code is not null
                group by criteria_set_code order by count(*) desc, criteria_set_code limit 1) as set_code,
              (select coalesce(json_object_agg(h.k, h.n), '{}') from (select criteria_met_count as k, count(*) as n from m
                where m.year = y.year and criteria_met_count is not null group by 1) h) as histogram,
              (select coalesce(json_object_agg(c.k, c.n), '{}') from (select x::int as k, count(*) as n
                 from m cross join jsonb_array_elements_text(m.criteria_met) x where m.year = y.year group by 1) c) as per_criterion
         from unnest(?::int[]) as y(year)`,
      [ctx.tenant, `{${years.join(',')}}`, `{${years.join(',')}}`],
    );
    const byYear = new Map<number, MeasurementStats>();
    for (const r of rows) {
      const obj = (v: unknown) => new Map(Object.entries((typeof v === 'string' ? JSON.parse(v) : v) as Record<string, number>).map(([k, n]) => [Number(k), Number(n)]));
      byYear.set(Number(r.year), {
        communes: Number(r.communes),
        households: Number(r.households),
        poor: Number(r.poor),
        nearPoor: Number(r.near_poor),
        certified: Number(r.certified),
        criteriaSum: Number(r.criteria_sum),
        assessed: Number(r.assessed),
        setCode: (r.set_code as string | null) ?? null,
        histogram: obj(r.histogram),
        perCriterion: obj(r.per_criterion),
      });
    }
    return years.map((y) => byYear.get(y) ?? EMPTY);
  });

  /** year → the province's targets that apply to it, by indicator code (one request to programs). */
  const targetsOfYear = new DataLoader<number, YearTargets>(async (years) => Promise.all(years.map((y) => fetchTargets(ctx, y))));

  return { gradesByTenant, reportsByTenant, measurementStats, targetsOfYear };
}
