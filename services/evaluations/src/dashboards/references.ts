import type { References } from '@kn/platform';
import type { Ctx } from '../loaders.js';
import { dashboardsService } from './service.js';

export const dashboardReferences: References = {
  ProvinceDashboard: (ref, ctx: Ctx) => dashboardsService.province(ctx, Number(ref.year)),
  TenantTotals: (ref, ctx: Ctx) => dashboardsService.tenantTotalsReference(ctx, ref as never),
};
