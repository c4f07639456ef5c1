import { keyOnly, type References } from '@kn/platform';

/** The evaluations subgraph's reports, extended with the files attached to them. */
export const fileReferences: References = { Report: keyOnly };
