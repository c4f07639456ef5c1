import type { RequestContext } from '@kn/platform';
import { createChangeLoaders, type ChangeLoaders } from './changes/loaders.js';
import { createDashboardLoaders, type DashboardLoaders } from './dashboards/loaders.js';
import { createUnitLoaders } from './units/loaders.js';

export const createLoaders = (ctx: RequestContext<Loaders>) => ({
  ...createUnitLoaders(ctx as RequestContext<unknown>),
  ...createDashboardLoaders(ctx as RequestContext<unknown>),
  ...createChangeLoaders(ctx as RequestContext<unknown>),
});
export type Loaders = ReturnType<typeof createUnitLoaders> & DashboardLoaders & ChangeLoaders;
