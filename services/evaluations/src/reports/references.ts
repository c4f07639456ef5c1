import type { References } from '@kn/platform';
import type { Ctx } from '../loaders.js';
import { reportsService } from './service.js';

/** A report named by another subgraph (sponsors attaches files to it): as `report(id:)` shows it. */
export const reportReferences: References = {
  Report: (ref, ctx: Ctx) => reportsService.get(ctx, String(ref.id)),
};
