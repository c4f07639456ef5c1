import { peerDocument, type EntitiesById } from '@kn/platform';
import type { SponsorFactsRow } from './evaluations/facts.js';

/**
 * Every document this subgraph sends the others, always as its caller (`ctx.peer(doc.peer).query(ctx.caller, doc, …)`):
 * their row-level security decides what the caller may see. Never their tables. `schema:check`
 * validates each against its peer's schema (PEER_DOCUMENTS, listed in the subgraph's definition).
 */

export const PROGRAM_EXISTS = peerDocument<{ program: { id: string; code: string } | null }>('programs', `query EvaluationsProgramExists($id: ID!) { program(id: $id) { id code } }`);

export interface CommuneValidity {
  id: string;
  validFrom: string | null;
  validTo: string | null;
}
export const COMMUNES_EXIST = peerDocument<{ _entities: (CommuneValidity | null)[] }>(
  'communes',
  `query EvaluationsCommunesExist($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { id validFrom validTo } } }`,
);

export const SPONSORS_EXIST: EntitiesById = peerDocument('sponsors', `query EvaluationsSponsorsExist($r: [_Any!]!) { _entities(representations: $r) { ... on Sponsor { id } } }`);
export const COMMUNE_REPORTERS_EXIST: EntitiesById = peerDocument('communes', `query EvaluationsCommuneReportersExist($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { id } } }`);
export const DISTRICTS_EXIST: EntitiesById = peerDocument('communes', `query EvaluationsDistrictsExist($r: [_Any!]!) { _entities(representations: $r) { ... on District { id } } }`);

export const TENANTS = peerDocument<{ tenants: { slug: string }[] }>('communes', `query EvaluationsTenants { tenants { slug } }`);

export const SPONSOR_FACTS = peerDocument<{ sponsorFacts: SponsorFactsRow[] }>(
  'sponsors',
  `query EvaluationFacts($programId: ID!, $year: Int!) {
  sponsorFacts(programId: $programId, year: $year) {
    sponsorId code kind lowland staffCount districtId twinnings twinnedCommunes cashVnd inKindVnd totalVnd
    poorHouseholdsHelped modelsBuilt peopleTrained contributions plansSigned planSigned planSignedOnTime needsProposalOnTime
  }
}`,
);

export interface RollUpNode {
  id: string;
  predecessors: { id: string; successors: { id: string }[] }[];
}
export const PREDECESSORS = peerDocument<{ _entities: (RollUpNode | null)[] }>(
  'communes',
  `query MeasurementRollUp($r: [_Any!]!) {
  _entities(representations: $r) { ... on Commune { id predecessors { id successors { id } } } }
}`,
);

export interface TargetNode {
  id: string;
  year: number | null;
  startYear: number;
  endYear: number;
  yearly: boolean;
  comparison: string | null;
  targetValue: string | null;
  targetValueMax: string | null;
  outOf: string | null;
  note: string | null;
  scope: { kind: string };
  indicator: { code: string };
}
/**
 * Every programme's province-wide targets that apply to the year (a one-year target of that year,
 * or a target of a period covering it), by indicator code.
 */
export const DASHBOARD_TARGETS = peerDocument<{ programs: { nodes: { id: string; code: string; targets: TargetNode[] }[] } }>(
  'programs',
  `query DashboardTargets($year: Int!) {
  programs(first: 500) {
    nodes { id code targets(year: $year) { id year startYear endYear yearly comparison targetValue targetValueMax outOf note scope { kind } indicator { code } } }
  }
}`,
);

export interface TwinningNode {
  startsOn: string;
  endsOn: string | null;
  sponsor: { id: string } | null;
  /** The commune the twinning continues in on each due date: `c<i>` for the i-th date. */
  [due: `c${number}`]: { id: string } | null;
}
type Page<K extends string, N> = { [k in K]: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: N[] } };
/** A programme's twinnings of a year, each with the commune it continues in on each due date (one alias per date). */
export const scheduleTwinnings = (dueDates: string[]) =>
  peerDocument<Page<'twinnings', TwinningNode>>(
    'sponsors',
    `query ScheduleTwinnings($programId: ID!, $year: Int!, $after: String) {
  twinnings(filter: { programId: $programId, activeIn: $year }, first: 500, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { startsOn endsOn sponsor { id } ${dueDates.map((d, i) => `c${i}: currentCommune(asOf: "${d}") { id }`).join(' ')} }
  }
}`,
  );

export const CLASSIFIED_COMMUNES = peerDocument<Page<'communes', { district: { id: string } | null }>>(
  'communes',
  `query ScheduleDistricts($asOf: Date!, $classification: CommuneClassification!, $after: String) {
  communes(filter: { asOf: $asOf, classification: $classification }, first: 500, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { district { id } }
  }
}`,
);

export const ALL_DISTRICTS = peerDocument<{ districts: { id: string }[] }>('communes', `query ScheduleAllDistricts($asOf: Date!) { districts(asOf: $asOf) { id } }`);

/** What `schema:check` validates (the twinnings document with two due dates stands for every instance). */
export const PEER_DOCUMENTS = [
  PROGRAM_EXISTS,
  COMMUNES_EXIST,
  SPONSORS_EXIST,
  COMMUNE_REPORTERS_EXIST,
  DISTRICTS_EXIST,
  TENANTS,
  SPONSOR_FACTS,
  PREDECESSORS,
  DASHBOARD_TARGETS,
  scheduleTwinnings(['2020-06-30', '2020-12-31']),
  CLASSIFIED_COMMUNES,
  ALL_DISTRICTS,
];
