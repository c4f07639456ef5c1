import { buildFederatedSchema } from '@kn/platform';
import { DistrictRef, ProgramRef, TenantRef } from './common/stubs.js';
import { ProvinceDashboardResolver, TenantTotalsResolver } from './dashboards/resolvers.js';
import { dashboardsService } from './dashboards/service.js';
import { TargetRef } from './dashboards/types.js';
import { EvaluationRunResolver, SponsorEvaluationFieldResolver, SponsorEvaluationResolver } from './evaluations/resolvers.js';
import type { Ctx } from './loaders.js';
import { CommuneMeasurementsResolver, CriteriaSetResolver, MeasurementResolver } from './measurements/resolvers.js';
import { CalendarRuleResolver, ReportResolver } from './reports/resolvers.js';
import { RuleSetResolver } from './rules/resolvers.js';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      RuleSetResolver,
      ReportResolver,
      CalendarRuleResolver,
      MeasurementResolver,
      CriteriaSetResolver,
      CommuneMeasurementsResolver,
      EvaluationRunResolver,
      SponsorEvaluationResolver,
      SponsorEvaluationFieldResolver,
      ProvinceDashboardResolver,
      TenantTotalsResolver,
    ],
    orphanedTypes: [ProgramRef, DistrictRef, TenantRef, TargetRef],
    references: {
      // entities of other subgraphs that this one extends: the key is all it needs
      Sponsor: (ref) => ({ id: String(ref.id) }),
      Commune: (ref) => ({ id: String(ref.id) }),
      ProvinceDashboard: (ref, ctx: Ctx) => dashboardsService.province(ctx, Number(ref.year)),
      TenantTotals: (ref, ctx: Ctx) => dashboardsService.tenantTotalsReference(ctx, ref as never),
    },
  });
}
