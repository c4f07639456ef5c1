import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ContributionGroupBy } from '../contributions/types.js';
import type { Ctx as C } from '../loaders.js';
import { dashboardsService as dashboards } from './service.js';
import { ProvinceDashboardRef, TenantTotalsRef } from './types.js';

type DashboardRoot = { year: number };
type TenantRoot = { tenant: { slug: string }; year: number };

@Resolver(() => ProvinceDashboardRef)
export class ProvinceDashboardFieldsResolver {
  @FieldResolver()
  async totalVnd(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return (await dashboards.grandTotals(ctx, d.year)).totalVnd;
  }

  @FieldResolver()
  async cashVnd(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return (await dashboards.grandTotals(ctx, d.year)).cashVnd;
  }

  @FieldResolver()
  async inKindVnd(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return (await dashboards.grandTotals(ctx, d.year)).inKindVnd;
  }

  @FieldResolver()
  async poorHouseholdsHelped(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return (await dashboards.grandTotals(ctx, d.year)).poorHouseholdsHelped;
  }

  @FieldResolver()
  async modelsBuilt(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return (await dashboards.grandTotals(ctx, d.year)).modelsBuilt;
  }

  @FieldResolver()
  async peopleTrained(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return (await dashboards.grandTotals(ctx, d.year)).peopleTrained;
  }

  @FieldResolver()
  async contributions(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return (await dashboards.grandTotals(ctx, d.year)).count;
  }

  @FieldResolver()
  moneyByCategory(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.grouped(ctx, d.year, ContributionGroupBy.CATEGORY);
  }

  @FieldResolver()
  moneyByDistrict(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.grouped(ctx, d.year, ContributionGroupBy.DISTRICT);
  }

  @FieldResolver()
  moneyBySponsorKind(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.grouped(ctx, d.year, ContributionGroupBy.SPONSOR_KIND);
  }

  @FieldResolver()
  borderCommunesWithTwinning(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.coveredCount(ctx, ctx.tenant, d.year);
  }

  @FieldResolver()
  borderCommunesWithoutTwinning(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.uncovered(ctx, d.year);
  }
}

@Resolver(() => TenantTotalsRef)
export class TenantTotalsFieldsResolver {
  @FieldResolver()
  async totalVnd(@Root() t: TenantRoot, @Ctx() ctx: C) {
    return (await dashboards.tenantTotals(ctx, t.tenant.slug, t.year)).totalVnd;
  }

  @FieldResolver()
  async cashVnd(@Root() t: TenantRoot, @Ctx() ctx: C) {
    return (await dashboards.tenantTotals(ctx, t.tenant.slug, t.year)).cashVnd;
  }

  @FieldResolver()
  async inKindVnd(@Root() t: TenantRoot, @Ctx() ctx: C) {
    return (await dashboards.tenantTotals(ctx, t.tenant.slug, t.year)).inKindVnd;
  }

  @FieldResolver()
  async poorHouseholdsHelped(@Root() t: TenantRoot, @Ctx() ctx: C) {
    return (await dashboards.tenantTotals(ctx, t.tenant.slug, t.year)).poorHouseholdsHelped;
  }

  @FieldResolver()
  async modelsBuilt(@Root() t: TenantRoot, @Ctx() ctx: C) {
    return (await dashboards.tenantTotals(ctx, t.tenant.slug, t.year)).modelsBuilt;
  }

  @FieldResolver()
  async contributions(@Root() t: TenantRoot, @Ctx() ctx: C) {
    return (await dashboards.tenantTotals(ctx, t.tenant.slug, t.year)).count;
  }

  @FieldResolver()
  borderCommunesWithTwinning(@Root() t: TenantRoot, @Ctx() ctx: C) {
    return dashboards.coveredCount(ctx, t.tenant.slug, t.year);
  }
}
