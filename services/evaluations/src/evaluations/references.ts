import { keyOnly, type References } from '@kn/platform';

/** The sponsors subgraph's Sponsor, extended with its evaluations. */
export const evaluationReferences: References = { Sponsor: keyOnly };
