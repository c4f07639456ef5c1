import { createReviewLoaders, type RequestContext } from '@kn/platform';
import { createContributionLoaders } from './contributions/loaders.js';
import { createCycleLoaders } from './cycle/loaders.js';
import { createDashboardLoaders } from './dashboards/loaders.js';
import { createFileLoaders } from './files/loaders.js';
import { createCommuneLoaders } from './geography/loaders.js';
import { createSponsorLoaders } from './sponsors/loaders.js';
import { createTwinningLoaders } from './twinnings/loaders.js';

/** Every DataLoader of this subgraph, made per request. */
export const createLoaders = (ctx: RequestContext<Loaders>) => {
  const c = ctx as RequestContext<unknown>;
  return {
    ...createSponsorLoaders(c),
    ...createTwinningLoaders(c),
    ...createCycleLoaders(c),
    ...createContributionLoaders(c),
    ...createCommuneLoaders(c),
    ...createDashboardLoaders(c),
    review: createReviewLoaders(c, 'sponsors'),
    ...createFileLoaders(c),
  };
};
export type Loaders = ReturnType<typeof createSponsorLoaders> &
  ReturnType<typeof createTwinningLoaders> &
  ReturnType<typeof createCycleLoaders> &
  ReturnType<typeof createContributionLoaders> &
  ReturnType<typeof createCommuneLoaders> &
  ReturnType<typeof createDashboardLoaders> &
  ReturnType<typeof createFileLoaders> & { review: ReturnType<typeof createReviewLoaders> };

export type Ctx = RequestContext<Loaders>;
