import { type AuditEntry, peerDocument, type EntitiesById } from '@kn/platform';

/**
 * Every document this subgraph sends the others, as its caller (their row-level security decides);
 * `schema:check` validates each against its peer's schema (PEER_DOCUMENTS, in the subgraph's definition).
 */

/**
 * ONE query to the communes subgraph (its public `communes` list) for both periods — every unit valid
 * on or before the last pre-reform day (with the earlier changes of issue #18 §3) and today's — paged 500 at a time (a large province needs a
 * second page; a tenant of this demo never does).
 */
export const GEOGRAPHY = peerDocument<{ old?: GeographyPage; cur?: GeographyPage }>(
  'communes',
  `query SponsorsGeography(
  $oldAsOf: Date!, $curAsOf: Date!, $oldAfter: String, $curAfter: String, $withOld: Boolean!, $withCur: Boolean!
) {
  old: communes(filter: { validOnOrBefore: $oldAsOf }, first: 500, after: $oldAfter) @include(if: $withOld) { ...page }
  cur: communes(filter: { asOf: $curAsOf }, first: 500, after: $curAfter) @include(if: $withCur) { ...page }
}
fragment page on CommuneConnection {
  pageInfo { hasNextPage endCursor }
  nodes { id code name validFrom validTo district { code } successors { id } classifications }
}`,
);

export interface GeographyPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: {
    id: string;
    code: string;
    name: string;
    validFrom: string | null;
    validTo: string | null;
    district: { code: string } | null;
    successors: { id: string }[];
    classifications: string[];
  }[];
}

export const DISTRICT_EXISTS = peerDocument<{ district: { id: string } | null }>('communes', 'query SponsorDistrict($id: ID!) { district(id: $id) { id } }');

export const PROGRAMS_EXIST: EntitiesById = peerDocument('programs', `query SponsorsProgramsExist($r: [_Any!]!) { _entities(representations: $r) { ... on Program { id } } }`);

/** A report's audit trail, asked of the evaluations subgraph (which owns reports and their audit log) as the caller. */
export const REPORT_AUDIT_TRAIL = peerDocument<{ reportAuditTrail: (Omit<AuditEntry, 'at'> & { at: string })[] }>(
  'evaluations',
  `query SponsorsReportAuditTrail($id: ID!) { reportAuditTrail(id: $id) { at actor actorRoles via operation type before after requestId } }`,
);

/** A report a file is to be attached to, as the caller sees it (evaluations' scope rules), with whose it is. */
export const REPORT_OWNERS = peerDocument<{ _entities: ({ id: string; sponsor: { id: string } | null; commune: { id: string } | null } | null)[] }>(
  'evaluations',
  `query SponsorsReportOwners($r: [_Any!]!) { _entities(representations: $r) { ... on Report { id sponsor { id } commune { id } } } }`,
);

export const PEER_DOCUMENTS = [GEOGRAPHY, DISTRICT_EXISTS, PROGRAMS_EXIST, REPORT_OWNERS, REPORT_AUDIT_TRAIL];
