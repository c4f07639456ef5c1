import type { References } from '@kn/platform';
import type { Ctx } from '../loaders.js';

export const twinningReferences: References = {
  Twinning: (ref, ctx: Ctx) => {
    ctx.authorize('sponsors.read');
    return ctx.loaders.twinningById.load(String(ref.id));
  },
};
