import DataLoader from 'dataloader';
import { objectKeyLoader, tenantWhere, type RequestContext } from '@kn/platform';
import { ContributionGroupBy } from '../contributions/types.js';
import { contributionTotals } from '../contributions/query.js';
import { geographyFor } from '../geography/client.js';
import { ACTIVE_IN_YEAR } from '../common/sql.js';

/** One group of `contributionTotals` (the shape that service returns). */
export interface Totals {
  key: Record<string, unknown>;
  cashVnd: bigint;
  inKindVnd: bigint;
  totalVnd: bigint;
  poorHouseholdsHelped: number;
  modelsBuilt: number;
  peopleTrained: number;
  beneficiaries: number;
  count: number;
}

/**
 * The dashboards' figures of this subgraph, memoised per request: whatever fields a request asks
 * for, each grouping is ONE statement (the grand totals, by tenant, by category, by district, by
 * sponsor kind), and twinning coverage is one statement plus the cached geography.
 */
export interface DashboardLoaders {
  dashboardTotals: DataLoader<{ year: number; groupBy: ContributionGroupBy | null }, Totals[], string>;
  borderCoverage: DataLoader<number, Map<string, Set<string>>>;
}

export function createDashboardLoaders(ctx: RequestContext<unknown>): DashboardLoaders {
  /** `{ year, groupBy }` → the year's totals grouped so, or not at all (every programme; DONE and VERIFIED). */
  const dashboardTotals = objectKeyLoader<{ year: number; groupBy: ContributionGroupBy | null }, Totals[]>(
    (keys) => Promise.all(keys.map(({ year, groupBy }) => contributionTotals(ctx, { year }, groupBy ? [groupBy] : []) as Promise<Totals[]>)),
    ['year', 'groupBy'],
  );

  /** year → tenant → border communes (as on 31/12) covered by a twinning active in the year. */
  const borderCoverage = new DataLoader<number, Map<string, Set<string>>>(async (years) =>
    Promise.all(
      years.map(async (y) => {
        const day = `${y}-12-31`;
        const geo = await geographyFor(ctx);
        const em = await ctx.em();
        const w = tenantWhere('t', ctx.readTenants);
        const rows = await em.execute(
          `select distinct t.tenant_id, t.commune_id, t.successor_commune_id from sponsors.twinning t where ${w.sql} and ${ACTIVE_IN_YEAR('t')}`,
          [...w.params, y, y],
        );
        const covered = new Map<string, Set<string>>();
        for (const r of rows) {
          const current = geo.currentOf(r.commune_id as string, (r.successor_commune_id as string | null) ?? null, day);
          const unit = current ? geo.get(current) : undefined;
          if (!unit || !geo.isValidOn(unit.id, day) || !unit.classifications.includes('BORDER')) continue;
          const set = covered.get(r.tenant_id as string) ?? new Set<string>();
          set.add(unit.id);
          covered.set(r.tenant_id as string, set);
        }
        return covered;
      }),
    ),
  );

  return { dashboardTotals, borderCoverage };
}
