import { keyOnly, type References } from '@kn/platform';

/** Commune is the communes subgraph's; this subgraph only adds `programs` to it. */
export const coverageReferences: References = { Commune: keyOnly };
