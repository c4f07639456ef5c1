import { buildFederatedSchema, TenantRef } from '@kn/platform';
import { dashboardReferences } from './dashboards/references.js';
import { evaluationReferences } from './evaluations/references.js';
import { measurementReferences } from './measurements/references.js';
import { reportReferences } from './reports/references.js';
import { DistrictRef, ProgramRef } from './common/stubs.js';
import { ProvinceDashboardResolver, TenantTotalsResolver } from './dashboards/resolvers.js';
import { TargetRef } from './dashboards/types.js';
import { EvaluationRunResolver, SponsorEvaluationFieldResolver, SponsorEvaluationResolver } from './evaluations/resolvers.js';
import { CommuneMeasurementsResolver, CriteriaSetResolver, MeasurementResolver } from './measurements/resolvers.js';
import { CalendarRuleResolver, ReportResolver } from './reports/resolvers.js';
import { ReportReviewResolver } from './reports/review-resolvers.js';
import { RuleSetResolver } from './rules/resolvers.js';
import { ReportTemplateResolver } from './templates/resolvers.js';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      RuleSetResolver,
      ReportResolver,
      ReportReviewResolver,
      CalendarRuleResolver,
      MeasurementResolver,
      CriteriaSetResolver,
      CommuneMeasurementsResolver,
      EvaluationRunResolver,
      SponsorEvaluationResolver,
      SponsorEvaluationFieldResolver,
      ProvinceDashboardResolver,
      TenantTotalsResolver,
      ReportTemplateResolver,
    ],
    orphanedTypes: [ProgramRef, DistrictRef, TenantRef, TargetRef],
    references: {
      ...evaluationReferences,
      ...measurementReferences,
      ...reportReferences,
      ...dashboardReferences,
    },
  });
}
