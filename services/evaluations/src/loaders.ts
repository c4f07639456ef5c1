import { createReviewLoaders, type RequestContext } from '@kn/platform';
import { createDashboardLoaders } from './dashboards/loaders.js';
import { createEvaluationLoaders } from './evaluations/loaders.js';
import { createMeasurementLoaders } from './measurements/loaders.js';
import { createRuleSetLoaders } from './rules/loaders.js';

/** Every DataLoader of this subgraph, made per request. */
export const createLoaders = (ctx: RequestContext<Loaders>) => {
  const c = ctx as RequestContext<unknown>;
  return {
    ...createRuleSetLoaders(c),
    ...createEvaluationLoaders(c),
    ...createMeasurementLoaders(c),
    ...createDashboardLoaders(c),
    review: createReviewLoaders(c, 'evaluations'),
  };
};
export type Loaders = ReturnType<typeof createRuleSetLoaders> &
  ReturnType<typeof createEvaluationLoaders> &
  ReturnType<typeof createMeasurementLoaders> &
  ReturnType<typeof createDashboardLoaders> & { review: ReturnType<typeof createReviewLoaders> };

export type Ctx = RequestContext<Loaders>;
