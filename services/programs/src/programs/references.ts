import type { References, RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { programsService } from './service.js';

/** Another subgraph names a programme (a twinning's, an evaluation's): same read rules as `program(id)`. */
export const programReferences: References = {
  Program: (ref, ctx: RequestContext<Loaders>) => programsService.byId(ctx, String(ref.id)),
};
