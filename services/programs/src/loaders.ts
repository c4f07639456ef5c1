import type { RequestContext } from '@kn/platform';
import { resolveScope, type ProgramScope } from './common/scope.js';
import { createFundingLoaders } from './funding/loaders.js';
import { createIndicatorLoaders } from './indicators/loaders.js';
import { createProgramLoaders } from './programs/loaders.js';
import { createTargetLoaders } from './targets/loaders.js';
import { createTaskLoaders } from './tasks/loaders.js';

function buildLoaders(ctx: RequestContext<unknown>) {
  let scope: Promise<ProgramScope> | undefined;
  return {
    /** The caller's read scope (sponsors: their programmes only), computed once per request. */
    scope: () => (scope ??= resolveScope(ctx)),
    ...createProgramLoaders(ctx),
    ...createIndicatorLoaders(ctx),
    ...createTargetLoaders(ctx),
    ...createTaskLoaders(ctx),
    ...createFundingLoaders(ctx),
  };
}

/** Every DataLoader of this subgraph, per request. */
export const createLoaders = (ctx: RequestContext<Loaders>) => buildLoaders(ctx as RequestContext<unknown>);
export type Loaders = ReturnType<typeof buildLoaders>;
