import { keyOnly, type References } from '@kn/platform';

/** The communes subgraph's Commune, extended with its measurements. */
export const measurementReferences: References = { Commune: keyOnly };
