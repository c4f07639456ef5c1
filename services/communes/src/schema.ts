import { buildFederatedSchema, type RequestContext } from '@kn/platform';
import type { Loaders } from './loaders.js';
import { dashboardReferences, ProvinceDashboardBorderResolver, TenantTotalsBorderResolver } from './dashboards/resolvers.js';
import { ProvinceDashboardRef, TenantTotalsRef } from './dashboards/types.js';
import { CommuneResolver, DistrictResolver, ProvinceResolver, TenantResolver } from './units/resolvers.js';

type C = RequestContext<Loaders>;

const byLevel = (level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE') => async (ref: Record<string, unknown>, ctx: C) => {
  const unit = await ctx.loaders.unitById.load(String(ref.id));
  return unit?.level === level ? unit : null;
};

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [CommuneResolver, DistrictResolver, ProvinceResolver, TenantResolver, ProvinceDashboardBorderResolver, TenantTotalsBorderResolver],
    orphanedTypes: [ProvinceDashboardRef, TenantTotalsRef],
    references: {
      Commune: byLevel('COMMUNE'),
      District: byLevel('DISTRICT'),
      Province: byLevel('PROVINCE'),
      Tenant: (ref, ctx: C) => ctx.loaders.tenantBySlug.load(String(ref.slug)),
      // the evaluations subgraph's dashboards, extended with the border communes
      ...dashboardReferences,
    },
  });
}
