import { type RequestContext, todayInVietnam, year as checkYear } from '@kn/platform';
import { percent, ratio, subtractDecimals } from '../common/decimal.js';
import type { Grade } from '../common/enums.js';
import { GRADES } from '../rules/language.js';
import type { Loaders } from '../loaders.js';
import { bandOf, compareWith, criterionOf, type TargetInfo, type YearTargets } from './targets.js';
import { refuseScoped } from '../common/scope.js';
import { TENANTS } from '../peers.js';

/** No targets asked: nothing to compare with. */
const noTargets = async (): Promise<YearTargets> => ({ ofYear: new Map(), averages: new Map() });

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

export class DashboardsService {
  /** The root of `provinceDashboard`: the fields are resolved by the subgraphs that own their data. */
  province(ctx: Ctx, yearArg: number, asOf?: string | null): DashboardRoot {
    ctx.authorize('evaluations.dashboard');
    refuseScoped(ctx, 'A dashboard');
    ctx.requireTenant(); // one province's: FORBIDDEN for the national role
    return { year: checkYear(yearArg, 'year'), asOf: asOf ?? todayInVietnam() };
  }

  /** The rows of `nationalComparison`: the provinces the caller may read (all of them for the national role). */
  async comparison(ctx: Ctx, yearArg: number): Promise<TenantTotalsRoot[]> {
    ctx.authorize('evaluations.compare');
    refuseScoped(ctx, 'A dashboard');
    const y = checkYear(yearArg, 'year');
    const data = await ctx.peer('communes').query(ctx.caller, TENANTS);
    return data.tenants.map((t) => ({ tenant: { slug: t.slug }, year: y }));
  }

  /** A tenant's totals row, as the gateway names it: null for a province the caller cannot read. */
  tenantTotalsReference(ctx: Ctx, ref: TenantTotalsRoot): TenantTotalsRoot | null {
    ctx.authorize('evaluations.compare');
    refuseScoped(ctx, 'A dashboard');
    if (!ctx.isNational && ref.tenant?.slug !== ctx.identity.tenant) return null;
    return { tenant: { slug: ref.tenant.slug }, year: checkYear(Number(ref.year), 'year') };
  }

  async grades(ctx: Ctx, tenant: string, y: number) {
    const counts = (await ctx.loaders.gradesByTenant.load(y)).get(tenant);
    return GRADES.map((grade) => ({ grade: grade as Grade, count: counts?.get(grade) ?? 0 }));
  }

  async reportCounts(ctx: Ctx, tenant: string, y: number, asOf: string) {
    const counts = (await ctx.loaders.reportsByTenant.load({ year: y, asOf })).get(tenant) ?? new Map<string, number>();
    return STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  async overdue(ctx: Ctx, tenant: string, y: number, asOf: string) {
    return (await ctx.loaders.reportsByTenant.load({ year: y, asOf })).get(tenant)?.get('OVERDUE') ?? 0;
  }

  /** NTM figures of the year; the plan's targets (a programs request) only when `withTargets`. */
  async ntm(ctx: Ctx, y: number, withTargets = true) {
    const [stats, targets] = await Promise.all([ctx.loaders.measurementStats.load(y), withTargets ? ctx.loaders.targetsOfYear.load(y) : noTargets()]);
    if (stats.communes === 0) return null;
    const set = stats.setCode ? await ctx.loaders.criteriaSetByCode.load(stats.setCode) : null;
    const size = set?.set.criteriaCount ?? Math.max(0, ...stats.histogram.keys());
    const distribution = Array.from({ length: size + 1 }, (_, k) => ({ criteriaMet: k, communes: stats.histogram.get(k) ?? 0 }));
    const bands = [...targets.ofYear.values()]
      .map((t) => ({ t, band: bandOf(t.indicator) }))
      .filter((x): x is { t: (typeof x)['t']; band: [number, number] } => x.band !== null)
      .sort((a, b) => b.band[0] - a.band[0])
      .map(({ t, band: [from, to] }) => {
        let communes = 0;
        for (let k = from; k <= to; k++) communes += stats.histogram.get(k) ?? 0;
        return { label: from === to ? `${from}` : `${from}–${to}`, from, to, communes, target: compareWith(t, String(communes)) };
      });
    const criteriaTargets = new Map([...targets.ofYear.values()].map((t) => [criterionOf(t.indicator), t] as const).filter(([n]) => n !== null));
    const criteria = (set?.criteria ?? []).map((c) => {
      const communesMet = stats.perCriterion.get(c.number) ?? 0;
      return { number: c.number, name: { vi: c.nameVi, en: c.nameEn }, communesMet, target: compareWith(criteriaTargets.get(c.number), String(communesMet)) };
    });
    const average = ratio(BigInt(stats.criteriaSum), BigInt(stats.assessed), 2);
    // the plan counts its communes ("61/207 xã"); say so when the platform measures fewer (seed 003: 207 in 2019;
    // the communes subgraph knows them since issue #18 §3, but no figures are recorded for those merged away on 1/1/2020)
    const planned = [...targets.ofYear.values()].map((t) => (t.outOf ? Number(t.outOf) : NaN)).find((n) => Number.isInteger(n) && n > 0) ?? null;
    const missing = planned !== null && planned > stats.communes ? planned - stats.communes : 0;
    const coverageNote =
      missing > 0
        ? {
            vi: `Kế hoạch tính trên ${planned} xã; nền tảng chỉ có số liệu của ${stats.communes} xã (thiếu số liệu của ${missing} xã, như các xã đã nhập vào xã khác năm 2020). Các con số so với chỉ tiêu chỉ tính ${stats.communes} xã này.`,
            en: `The plan counts ${planned} communes; the platform has figures for ${stats.communes} (${missing} have no recorded figures, such as those merged into others in 2020). Every figure compared with a target counts these ${stats.communes} only.`,
          }
        : null;
    return {
      criteriaSet: set?.set ?? null,
      communesMeasured: stats.communes,
      communesPlanned: planned,
      coverageNote,
      certifiedCommunes: stats.certified,
      averageCriteriaMet: average,
      distribution,
      bands,
      criteria,
      certifiedTarget: compareWith(targets.ofYear.get('NTM_STANDARD_COMMUNES'), String(stats.certified)),
      averageTarget: compareWith(targets.ofYear.get('NTM_AVERAGE_CRITERIA'), average),
    };
  }

  /**
   * Poverty figures of the year and the year before, and the average reduction so far of a period
   * target judged as an average (165/KH-UBND I.1.c “giảm tỷ lệ hộ nghèo bình quân 3%/năm” 2016–2020):
   * from the rate before the period (the year before its first) — or, when that year was not
   * measured, from the earliest measured year since, said in `since` — to this year, points per year,
   * exact from the counts. The targets (a programs request) only when `withTargets`.
   */
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
      target: compareWith(targets.ofYear.get('POVERTY_RATE_REDUCTION'), reduction),
      average: await this.averageReduction(ctx, y, now, targets.averages.get('POVERTY_RATE_REDUCTION')),
    };
  }

  /** The average yearly reduction of the poverty rate since the period's base year, against a period target. */
  private async averageReduction(ctx: Ctx, y: number, now: { poor: number; households: number }, t: TargetInfo | undefined) {
    if (!t || y <= t.startYear - 1) return null;
    const base = t.startYear - 1;
    const years = Array.from({ length: y - base }, (_, k) => base + k); // base … y − 1, one statement for all
    const stats = await ctx.loaders.measurementStats.loadMany(years);
    const k = years.findIndex((_, i) => {
      const s = stats[i];
      return s && !(s instanceof Error) && s.communes > 0 && s.households > 0;
    });
    if (k < 0 || now.households === 0) return null;
    const since = years[k]!;
    const from = stats[k] as { poor: number; households: number };
    const span = y - since;
    // (poor₀/hh₀ − poor₁/hh₁) × 100 / span, exactly: one division of whole numbers
    const numerator = BigInt(from.poor) * BigInt(now.households) - BigInt(now.poor) * BigInt(from.households);
    const denominator = BigInt(from.households) * BigInt(now.households) * BigInt(span);
    const perYear = ratio(numerator, denominator, 2, 100n)!;
    const ended = y >= t.endYear;
    const fromBase = since === base;
    return {
      since,
      sinceRate: percent(from.poor, from.households),
      years: span,
      reductionPerYear: perYear,
      periodStart: t.startYear,
      periodEnd: t.endYear,
      final: ended && fromBase,
      target: compareWith(t, perYear),
      note: {
        vi:
          `Bình quân ${span} năm (${since}–${y}), so với chỉ tiêu bình quân của cả giai đoạn ${t.startYear}–${t.endYear}` +
          (ended ? '' : ': mới là kết quả đến nay, chưa phải đánh giá cuối giai đoạn') +
          (fromBase ? '.' : `; không có số liệu năm ${base} (năm trước giai đoạn) nên tính từ năm ${since}, năm sớm nhất có số liệu.`),
        en:
          `Average over ${span} year(s) (${since}–${y}), against the average target of the whole period ${t.startYear}–${t.endYear}` +
          (ended ? '' : ': progress so far, not the judgement at the end of the period') +
          (fromBase ? '.' : `; ${base} (the year before the period) was not measured, so it runs from ${since}, the earliest measured year.`),
      },
    };
  }
}

export const dashboardsService = new DashboardsService();
