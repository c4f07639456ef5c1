import { peerDocument, type EntitiesById } from '@kn/platform';

/**
 * Every document this subgraph sends the others, as its caller (their row-level security decides);
 * `schema:check` validates each against its peer's schema (PEER_DOCUMENTS, in the subgraph's definition).
 */

/** The programmes a sponsor takes part in: its twinnings name them. */
export const SPONSOR_PROGRAMS = peerDocument<{ twinnings: { nodes: { program: { id: string } | null }[] } }>(
  'sponsors',
  `query ProgramsOfSponsor($s: ID!) { twinnings(filter: { sponsorId: $s }, first: 500) { nodes { program { id } } } }`,
);

export const COMMUNES_EXIST: EntitiesById = peerDocument('communes', `query ProgramsCommunesExist($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { id } } }`);

export const PEER_DOCUMENTS = [SPONSOR_PROGRAMS, COMMUNES_EXIST];
