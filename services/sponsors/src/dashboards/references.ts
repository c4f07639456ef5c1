import type { References } from '@kn/platform';
import type { Ctx } from '../loaders.js';
import { dashboardsService } from './service.js';

/** The evaluations subgraph's dashboards, extended with this subgraph's figures. */
export const dashboardReferences: References = {
  ProvinceDashboard: (ref, ctx: Ctx) => dashboardsService.provinceReference(ctx, ref),
  TenantTotals: (ref, ctx: Ctx) => dashboardsService.tenantReference(ctx, ref as never),
};
