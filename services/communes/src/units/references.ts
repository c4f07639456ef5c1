import type { References, RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';

type C = RequestContext<Loaders>;

/** A unit named by another subgraph: only of the level its type says. */
const byLevel = (level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE') => async (ref: Record<string, unknown>, ctx: C) => {
  const unit = await ctx.loaders.unitById.load(String(ref.id));
  return unit?.level === level ? unit : null;
};

export const unitReferences: References = {
  Commune: byLevel('COMMUNE'),
  District: byLevel('DISTRICT'),
  Province: byLevel('PROVINCE'),
  Tenant: (ref, ctx: C) => ctx.loaders.tenantBySlug.load(String(ref.slug)),
};
