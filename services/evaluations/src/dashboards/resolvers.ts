import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, todayInVietnam } from '@kn/platform';
import type { Ctx as C } from '../loaders.js';
import { selects } from '../common/selection.js';
import { dashboardsService as dashboards, type DashboardRoot, type TenantTotalsRoot } from './service.js';
import { NtmDashboard, PovertyDashboard, ProvinceDashboard, TenantTotals } from './types.js';

@Resolver(() => ProvinceDashboard)
export class ProvinceDashboardResolver {
  @Query(() => ProvinceDashboard, {
    description:
      'Staff: the province’s figures of a year in one request — border communes and their twinnings, money by category ' +
      'and district, households helped, models, grades, reports, NTM criteria against the plan, poverty against its target.',
  })
  provinceDashboard(@Ctx() ctx: C, @Arg('year', () => Int) year: number, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return dashboards.province(ctx, year, asOf);
  }

  @FieldResolver()
  gradeDistribution(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.grades(ctx, ctx.tenant, d.year);
  }

  @FieldResolver()
  overdueReports(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.overdue(ctx, ctx.tenant, d.year, d.asOf);
  }

  @FieldResolver()
  reports(@Root() d: DashboardRoot, @Ctx() ctx: C) {
    return dashboards.reportCounts(ctx, ctx.tenant, d.year, d.asOf);
  }

  @FieldResolver(() => NtmDashboard, { nullable: true })
  ntm(@Root() d: DashboardRoot, @Ctx() ctx: C, @Info() info: GraphQLResolveInfo) {
    // the plan's targets are a request to the programs subgraph: only when a field needs them
    return dashboards.ntm(ctx, d.year, selects(info, ['bands', 'criteria.target', 'certifiedTarget', 'averageTarget', 'communesPlanned', 'coverageNote']));
  }

  @FieldResolver(() => PovertyDashboard, { nullable: true })
  poverty(@Root() d: DashboardRoot, @Ctx() ctx: C, @Info() info: GraphQLResolveInfo) {
    return dashboards.poverty(ctx, d.year, selects(info, ['target']));
  }
}

@Resolver(() => TenantTotals)
export class TenantTotalsResolver {
  @Query(() => [TenantTotals], {
    description:
      'Totals of a year per province, side by side: every province for the national role, your own for province staff. ' +
      'Aggregates only: no detail row of any province.',
  })
  nationalComparison(@Ctx() ctx: C, @Arg('year', () => Int) year: number) {
    return dashboards.comparison(ctx, year);
  }

  @FieldResolver()
  gradeDistribution(@Root() t: TenantTotalsRoot, @Ctx() ctx: C) {
    return dashboards.grades(ctx, t.tenant.slug, t.year);
  }

  @FieldResolver()
  overdueReports(@Root() t: TenantTotalsRoot, @Ctx() ctx: C) {
    return dashboards.overdue(ctx, t.tenant.slug, t.year, todayInVietnam());
  }
}
