import { badInput, type RequestContext } from '@kn/platform';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Loaders } from '../loaders.js';
import { ProvinceDashboardRef, TenantTotalsRef } from './types.js';

type C = RequestContext<Loaders>;

const checkYear = (value: unknown): number => {
  const y = Number(value);
  if (!Number.isInteger(y) || y < 1900 || y > 2999) throw badInput('`year` must be a year', { field: 'year' });
  return y;
};

/** References the gateway sends for the dashboards' entities. */
export const dashboardReferences = {
  /** One province's dashboard: FORBIDDEN for the national role (no province). */
  ProvinceDashboard: (ref: Record<string, unknown>, ctx: C) => {
    ctx.authorize('communes.read');
    void ctx.tenant;
    return { year: checkYear(ref.year) };
  },
  /** A province's totals: null for a province the caller cannot read. */
  TenantTotals: async (ref: Record<string, unknown>, ctx: C) => {
    ctx.authorize('communes.read');
    const slug = String((ref.tenant as { slug?: unknown } | undefined)?.slug ?? '');
    if (!ctx.isNational && slug !== ctx.identity.tenant) return null;
    const tenant = await ctx.loaders.tenantBySlug.load(slug);
    return tenant ? { tenant, year: checkYear(ref.year) } : null;
  },
};

@Resolver(() => ProvinceDashboardRef)
export class ProvinceDashboardBorderResolver {
  @FieldResolver()
  async borderCommunes(@Root() d: { year: number }, @Ctx() ctx: C) {
    ctx.authorize('communes.read');
    return (await ctx.loaders.borderCommunesByTenant.load(d.year)).get(ctx.tenant) ?? 0;
  }
}

@Resolver(() => TenantTotalsRef)
export class TenantTotalsBorderResolver {
  @FieldResolver()
  async borderCommunes(@Root() t: { tenant: { slug: string }; year: number }, @Ctx() ctx: C) {
    ctx.authorize('communes.read');
    return (await ctx.loaders.borderCommunesByTenant.load(t.year)).get(t.tenant.slug) ?? 0;
  }
}
