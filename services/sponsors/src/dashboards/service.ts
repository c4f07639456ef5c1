import { forbidden, ownSponsor, year as checkYear } from '@kn/platform';
import { ContributionGroupBy } from '../contributions/types.js';
import { geographyFor } from '../geography/client.js';
import type { Ctx } from '../loaders.js';
import { refuseScoped } from '../common/scope.js';
import type { Totals } from './loaders.js';

const ZERO = { cashVnd: 0n, inKindVnd: 0n, totalVnd: 0n, poorHouseholdsHelped: 0, modelsBuilt: 0, peopleTrained: 0, count: 0 };

/** The sponsors' side of the dashboards: aggregates only, never a row of detail. */
export class DashboardsService {
  private check(ctx: Ctx): void {
    ctx.authorize('sponsors.aggregate');
    if (ownSponsor(ctx) !== undefined) throw forbidden('A sponsor reads its own figures, not the province’s');
    refuseScoped(ctx, 'A province dashboard');
  }

  /** A province dashboard as the gateway names it (its year); one province's, so FORBIDDEN for the national role. */
  provinceReference(ctx: Ctx, ref: { year?: unknown }) {
    this.check(ctx);
    ctx.requireTenant();
    return { year: checkYear(Number(ref.year), 'year') };
  }

  /** A province's totals row as the gateway names it: null for a province the caller cannot read. */
  tenantReference(ctx: Ctx, ref: { tenant?: { slug?: unknown }; year?: unknown }) {
    this.check(ctx);
    const slug = String(ref.tenant?.slug ?? '');
    if (!ctx.isNational && slug !== ctx.identity.tenant) return null;
    return { tenant: { slug }, year: checkYear(Number(ref.year), 'year') };
  }

  async grandTotals(ctx: Ctx, year: number): Promise<Omit<Totals, 'key' | 'beneficiaries'> & { count: number }> {
    this.check(ctx);
    const [row] = await ctx.loaders.dashboardTotals.load({ year, groupBy: null });
    return row ?? ZERO;
  }

  async tenantTotals(ctx: Ctx, tenant: string, year: number) {
    this.check(ctx);
    const rows = await ctx.loaders.dashboardTotals.load({ year, groupBy: ContributionGroupBy.TENANT });
    return rows.find((r) => r.key.tenant === tenant) ?? ZERO;
  }

  grouped(ctx: Ctx, year: number, by: ContributionGroupBy) {
    this.check(ctx);
    return ctx.loaders.dashboardTotals.load({ year, groupBy: by });
  }

  async coveredCount(ctx: Ctx, tenant: string, year: number): Promise<number> {
    this.check(ctx);
    return (await ctx.loaders.borderCoverage.load(year)).get(tenant)?.size ?? 0;
  }

  /** Border communes of the caller's province, as on 31/12 of the year, without a twinning active that year. */
  async uncovered(ctx: Ctx, year: number): Promise<{ id: string }[]> {
    this.check(ctx);
    const tenant = ctx.tenant;
    const [geo, coverage] = await Promise.all([geographyFor(ctx), ctx.loaders.borderCoverage.load(year)]);
    const covered = coverage.get(tenant) ?? new Set<string>();
    return geo
      .communesValidOn(`${year}-12-31`, 'BORDER')
      .filter((c) => !covered.has(c.id))
      .map((c) => ({ id: c.id }));
  }
}

export const dashboardsService = new DashboardsService();
