import { buildFederatedSchema, TenantRef } from '@kn/platform';
import { contributionReferences } from './contributions/references.js';
import { dashboardReferences } from './dashboards/references.js';
import { fileReferences } from './files/references.js';
import { geographyReferences } from './geography/references.js';
import { sponsorReferences } from './sponsors/references.js';
import { twinningReferences } from './twinnings/references.js';
import { ApiKeyResolver } from './apikeys/resolvers.js';
import { ContributionResolver } from './contributions/resolvers.js';
import { CycleDeadlineResolver, NeedsProposalResolver, YearlyPlanResolver } from './cycle/resolvers.js';
import { ProvinceDashboardFieldsResolver, TenantTotalsFieldsResolver } from './dashboards/resolvers.js';
import { ProvinceDashboardRef, TenantTotalsRef } from './dashboards/types.js';
import { SponsorFactsResolver } from './facts/resolvers.js';
import { CommuneSponsorsResolver, ProgramTwinningsResolver } from './geography/resolvers.js';
import { CommuneRef, DistrictRef, ProgramRef } from './geography/types.js';
import { ContributionFilesResolver, NeedsProposalFilesResolver, ReportFilesResolver, StoredFileResolver, YearlyPlanFilesResolver } from './files/resolvers.js';
import { ReportRef } from './files/types.js';
import { ImportResolver } from './imports/resolvers.js';
import { SponsorResolver } from './sponsors/resolvers.js';
import { TwinningResolver } from './twinnings/resolvers.js';
import { CycleReviewResolver, NeedsProposalChainResolver, YearlyPlanChainResolver } from './review/resolvers.js';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      SponsorResolver,
      TwinningResolver,
      CycleDeadlineResolver,
      NeedsProposalResolver,
      YearlyPlanResolver,
      ContributionResolver,
      ImportResolver,
      CommuneSponsorsResolver,
      ProgramTwinningsResolver,
      ApiKeyResolver,
      SponsorFactsResolver,
      ProvinceDashboardFieldsResolver,
      TenantTotalsFieldsResolver,
      CycleReviewResolver,
      NeedsProposalChainResolver,
      YearlyPlanChainResolver,
      StoredFileResolver,
      NeedsProposalFilesResolver,
      YearlyPlanFilesResolver,
      ContributionFilesResolver,
      ReportFilesResolver,
    ],
    orphanedTypes: [CommuneRef, ProgramRef, DistrictRef, TenantRef, ProvinceDashboardRef, TenantTotalsRef, ReportRef],
    references: {
      ...sponsorReferences,
      ...twinningReferences,
      ...contributionReferences,
      ...geographyReferences,
      ...fileReferences,
      ...dashboardReferences,
    },
  });
}
