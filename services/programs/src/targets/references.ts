import type { References, RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { targetsService } from './service.js';

export const targetReferences: References = {
  Target: (ref, ctx: RequestContext<Loaders>) => targetsService.byId(ctx, String(ref.id)),
};
