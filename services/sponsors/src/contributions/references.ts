import type { References } from '@kn/platform';
import type { Ctx } from '../loaders.js';

export const contributionReferences: References = {
  Contribution: (ref, ctx: Ctx) => {
    ctx.authorize('sponsors.read');
    return ctx.loaders.contributionById.load(String(ref.id));
  },
};
