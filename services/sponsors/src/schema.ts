import { buildFederatedSchema } from '@kn/platform';
import { ApiKeyResolver } from './apikeys/resolvers.js';
import { ContributionResolver } from './contributions/resolvers.js';
import { CycleDeadlineResolver, NeedsProposalResolver, YearlyPlanResolver } from './cycle/resolvers.js';
import { ProvinceDashboardFieldsResolver, TenantTotalsFieldsResolver } from './dashboards/resolvers.js';
import { dashboardsService } from './dashboards/service.js';
import { ProvinceDashboardRef, TenantRef, TenantTotalsRef } from './dashboards/types.js';
import { SponsorFactsResolver } from './facts/resolvers.js';
import { CommuneSponsorsResolver, ProgramTwinningsResolver } from './geography/resolvers.js';
import { CommuneRef, DistrictRef, ProgramRef } from './geography/types.js';
import { ImportResolver } from './imports/resolvers.js';
import type { Ctx } from './loaders.js';
import { SponsorResolver } from './sponsors/resolvers.js';
import { TwinningResolver } from './twinnings/resolvers.js';

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
    ],
    orphanedTypes: [CommuneRef, ProgramRef, DistrictRef, TenantRef, ProvinceDashboardRef, TenantTotalsRef],
    references: {
      Sponsor: (ref, ctx: Ctx) => {
        ctx.authorize('sponsors.read');
        return ctx.loaders.sponsorById.load(String(ref.id));
      },
      Twinning: (ref, ctx: Ctx) => {
        ctx.authorize('sponsors.read');
        return ctx.loaders.twinningById.load(String(ref.id));
      },
      Contribution: (ref, ctx: Ctx) => {
        ctx.authorize('sponsors.read');
        return ctx.loaders.contributionById.load(String(ref.id));
      },
      // entities of other subgraphs that this one extends: the key is all it needs
      Commune: (ref) => ({ id: String(ref.id) }),
      Program: (ref) => ({ id: String(ref.id) }),
      // the evaluations subgraph's dashboards, extended with this subgraph's figures
      ProvinceDashboard: (ref, ctx: Ctx) => dashboardsService.provinceReference(ctx, ref),
      TenantTotals: (ref, ctx: Ctx) => dashboardsService.tenantReference(ctx, ref as never),
    },
  });
}
