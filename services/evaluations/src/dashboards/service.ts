import { todayInVietnam, type RequestContext } from '@kn/platform';
import { percent, ratio, subtractDecimals } from '../common/decimal.js';
import { year as checkYear } from '../common/validate.js';
import type { Grade } from '../common/enums.js';
import { GRADES } from '../rules/language.js';
import type { Loaders } from '../loaders.js';
import { bandOf, compareWith, criterionOf, type TargetInfo } from './targets.js';

/** No targets asked: nothing to compare with. */
const noTargets = async () => new Map<string, TargetInfo>();

type Ctx = RequestContext<Loaders>;

export interface DashboardRoot {
  year: number;
  asOf: string;
}

export interface TenantTotalsRoot {
  tenant: { slug: string };
  year: number;
}

const STATUSES = ['PENDING', 'SUBMITTED_ON_TIME', 'SUBMITTED_LATE', 'OVERDUE'] as const;
const TENANTS = `query { tenants { slug } }`;

export class DashboardsService {
  /** The root of `provinceDashboard`: the fields are resolved by the subgraphs that own their data. */
  province(ctx: Ctx, yearArg: number, asOf?: string | null): DashboardRoot {
    ctx.authorize('evaluations.dashboard');
    void ctx.tenant; // one province's: FORBIDDEN for the national role
    return { year: checkYear(yearArg, 'year'), asOf: asOf ?? todayInVietnam() };
  }

  /** The rows of `nationalComparison`: the provinces the caller may read (all of them for the national role). */
  async comparison(ctx: Ctx, yearArg: number): Promise<TenantTotalsRoot[]> {
    ctx.authorize('evaluations.compare');
    const y = checkYear(yearArg, 'year');
    const data = await ctx.peer('communes').query<{ tenants: { slug: string }[] }>(ctx.caller, TENANTS);
    return data.tenants.map((t) => ({ tenant: { slug: t.slug }, year: y }));
  }

  /** A tenant's totals row, as the gateway names it: null for a province the caller cannot read. */
  tenantTotalsReference(ctx: Ctx, ref: TenantTotalsRoot): TenantTotalsRoot | null {
    ctx.authorize('evaluations.compare');
    if (!ctx.isNational && ref.tenant?.slug !== ctx.identity.tenant) return null;
    return { tenant: { slug: ref.tenant.slug }, year: checkYear(Number(ref.year), 'year') };
  }

  async grades(ctx: Ctx, tenant: string, y: number) {
    const counts = (await ctx.loaders.gradesByTenant.load(y)).get(tenant);
    return GRADES.map((grade) => ({ grade: grade as Grade, count: counts?.get(grade) ?? 0 }));
  }

  async reportCounts(ctx: Ctx, tenant: string, y: number, asOf: string) {
    const counts = (await ctx.loaders.reportsByTenant.load(`${y}|${asOf}`)).get(tenant) ?? new Map<string, number>();
    return STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  async overdue(ctx: Ctx, tenant: string, y: number, asOf: string) {
    return (await ctx.loaders.reportsByTenant.load(`${y}|${asOf}`)).get(tenant)?.get('OVERDUE') ?? 0;
  }

  /** NTM figures of the year; the plan's targets (a programs request) only when `withTargets`. */
  async ntm(ctx: Ctx, y: number, withTargets = true) {
    const [stats, targets] = await Promise.all([ctx.loaders.measurementStats.load(y), withTargets ? ctx.loaders.targetsOfYear.load(y) : noTargets()]);
    if (stats.communes === 0) return null;
    const set = stats.setCode ? await ctx.loaders.criteriaSetByCode.load(stats.setCode) : null;
    const size = set?.set.criteriaCount ?? Math.max(0, ...stats.histogram.keys());
    const distribution = Array.from({ length: size + 1 }, (_, k) => ({ criteriaMet: k, communes: stats.histogram.get(k) ?? 0 }));
    const bands = [...targets.values()]
      .map((t) => ({ t, band: bandOf(t.indicator) }))
      .filter((x): x is { t: (typeof x)['t']; band: [number, number] } => x.band !== null)
      .sort((a, b) => b.band[0] - a.band[0])
      .map(({ t, band: [from, to] }) => {
        let communes = 0;
        for (let k = from; k <= to; k++) communes += stats.histogram.get(k) ?? 0;
        return { label: from === to ? `${from}` : `${from}–${to}`, from, to, communes, target: compareWith(t, String(communes)) };
      });
    const criteriaTargets = new Map([...targets.values()].map((t) => [criterionOf(t.indicator), t] as const).filter(([n]) => n !== null));
    const criteria = (set?.criteria ?? []).map((c) => {
      const communesMet = stats.perCriterion.get(c.number) ?? 0;
      return { number: c.number, name: { vi: c.nameVi, en: c.nameEn }, communesMet, target: compareWith(criteriaTargets.get(c.number), String(communesMet)) };
    });
    const average = ratio(BigInt(stats.criteriaSum), BigInt(stats.assessed), 2);
    return {
      criteriaSet: set?.set ?? null,
      communesMeasured: stats.communes,
      certifiedCommunes: stats.certified,
      averageCriteriaMet: average,
      distribution,
      bands,
      criteria,
      certifiedTarget: compareWith(targets.get('NTM_STANDARD_COMMUNES'), String(stats.certified)),
      averageTarget: compareWith(targets.get('NTM_AVERAGE_CRITERIA'), average),
    };
  }

  /** Poverty figures of the year and the year before; the target (a programs request) only when `withTargets`. */
  async poverty(ctx: Ctx, y: number, withTargets = true) {
    const [now, before, targets] = await Promise.all([
      ctx.loaders.measurementStats.load(y),
      ctx.loaders.measurementStats.load(y - 1),
      withTargets ? ctx.loaders.targetsOfYear.load(y) : noTargets(),
    ]);
    if (now.communes === 0) return null;
    const rate = percent(now.poor, now.households);
    const previousRate = before.communes > 0 ? percent(before.poor, before.households) : null;
    const reduction = rate !== null && previousRate !== null ? subtractDecimals(previousRate, rate) : null;
    return {
      communesMeasured: now.communes,
      households: now.households,
      poorHouseholds: now.poor,
      nearPoorHouseholds: now.nearPoor,
      rate,
      nearPoorRate: percent(now.nearPoor, now.households),
      previousRate,
      reduction,
      target: compareWith(targets.get('POVERTY_RATE_REDUCTION'), reduction),
    };
  }
}

export const dashboardsService = new DashboardsService();
