import type { RequestContext } from '@kn/platform';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Loaders } from '../loaders.js';
import { ProvinceDashboardRef, TenantTotalsRef } from './types.js';

type C = RequestContext<Loaders>;

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
