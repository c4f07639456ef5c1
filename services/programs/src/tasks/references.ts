import type { References, RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { tasksService } from './service.js';

export const taskReferences: References = {
  Task: (ref, ctx: RequestContext<Loaders>) => tasksService.byId(ctx, String(ref.id)),
};
