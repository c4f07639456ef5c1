import type { RequestContext } from '@kn/platform';

/** Every DataLoader of this subgraph, per request: its lists read one statement per page, none is needed yet. */
export const createLoaders = (_ctx: RequestContext<Loaders>) => ({});
export type Loaders = Record<string, never>;
export type Ctx = RequestContext<Loaders>;
