import { type References, type RequestContext, year } from '@kn/platform';
import type { Loaders } from '../loaders.js';

type C = RequestContext<Loaders>;

/** References the gateway sends for the dashboards' entities. */
export const dashboardReferences: References = {
  /** One province's dashboard: FORBIDDEN for the national role (no province). */
  ProvinceDashboard: (ref: Record<string, unknown>, ctx: C) => {
    ctx.authorize('communes.read');
    ctx.requireTenant();
    return { year: year(ref.year, 'year') };
  },
  /** A province's totals: null for a province the caller cannot read. */
  TenantTotals: async (ref: Record<string, unknown>, ctx: C) => {
    ctx.authorize('communes.read');
    const slug = String((ref.tenant as { slug?: unknown } | undefined)?.slug ?? '');
    if (!ctx.isNational && slug !== ctx.identity.tenant) return null;
    const tenant = await ctx.loaders.tenantBySlug.load(slug);
    return tenant ? { tenant, year: year(ref.year, 'year') } : null;
  },
};
