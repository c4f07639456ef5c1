import { buildFederatedSchema } from '@kn/platform';
import { dashboardReferences } from './dashboards/references.js';
import { unitReferences } from './units/references.js';
import { ProvinceDashboardBorderResolver, TenantTotalsBorderResolver } from './dashboards/resolvers.js';
import { ProvinceDashboardRef, TenantTotalsRef } from './dashboards/types.js';
import { CommuneResolver, DistrictResolver, ProvinceResolver, TenantResolver } from './units/resolvers.js';
import { ChangedUnitResolver, UnitChangeResolver } from './changes/resolvers.js';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [CommuneResolver, DistrictResolver, ProvinceResolver, TenantResolver, ProvinceDashboardBorderResolver, TenantTotalsBorderResolver, UnitChangeResolver, ChangedUnitResolver],
    orphanedTypes: [ProvinceDashboardRef, TenantTotalsRef],
    references: {
      ...unitReferences,
      // the evaluations subgraph's dashboards, extended with the border communes
      ...dashboardReferences,
    },
  });
}
