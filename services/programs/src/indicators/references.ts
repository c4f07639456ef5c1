import type { References, RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { indicatorsService } from './service.js';

export const indicatorReferences: References = {
  Indicator: (ref, ctx: RequestContext<Loaders>) => indicatorsService.byId(ctx, String(ref.id)),
};
