import { keyOnly, type References } from '@kn/platform';

/** The communes and programs subgraphs' entities, extended with their sponsors and twinnings. */
export const geographyReferences: References = { Commune: keyOnly, Program: keyOnly };
