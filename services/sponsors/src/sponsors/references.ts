import type { References } from '@kn/platform';
import type { Ctx } from '../loaders.js';

export const sponsorReferences: References = {
  Sponsor: (ref, ctx: Ctx) => {
    ctx.authorize('sponsors.read');
    return ctx.loaders.sponsorById.load(String(ref.id));
  },
};
