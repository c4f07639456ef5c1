import type { SponsorProfile } from '../rules/engine.js';
import { SPONSOR_KINDS, type Facts, type SponsorKind } from '../rules/language.js';

/**
 * A sponsor's recorded facts of a programme's year, as the sponsors subgraph computes them
 * (`sponsorFacts(programId, year)`, one SQL statement there). Evaluations never reads the sponsors'
 * tables: it asks that subgraph, as the caller, and keeps a copy of the answer with each evaluation.
 */
export interface SponsorFactsRow {
  sponsorId: string;
  code: string;
  kind: string;
  lowland: boolean;
  staffCount: number | null;
  districtId: string | null;
  twinnings: number;
  twinnedCommunes: number;
  cashVnd: string;
  inKindVnd: string;
  totalVnd: string;
  poorHouseholdsHelped: number;
  modelsBuilt: number;
  peopleTrained: number;
  contributions: number;
  plansSigned: number;
  planSigned: boolean;
  planSignedOnTime: boolean;
  needsProposalOnTime: boolean;
}

/** What this subgraph knows about a sponsor's reports of the year (its own data). */
export interface ReportFacts {
  /** Reports of the year already due on the day the facts are read. */
  due: number;
  onTime: number;
  /** A YEAR_END_ASSESSMENT report of the year came in (by the day the facts are read). */
  yearEndSubmitted: boolean;
}

export const NO_REPORTS: ReportFacts = { due: 0, onTime: 0, yearEndSubmitted: false };

/** Everything a rule can read about one sponsor, as stored with its evaluation (a frozen copy). */
export interface EvaluationInputs {
  profile: SponsorProfile;
  facts: Facts;
}

const kindOf = (kind: string): SponsorKind => ((SPONSOR_KINDS as readonly string[]).includes(kind) ? (kind as SponsorKind) : 'OTHER');
const flag = (b: boolean) => (b ? 1n : 0n);

/** The sponsors subgraph's facts and this subgraph's reports, as the rule language's facts. */
export function combineFacts(s: SponsorFactsRow, r: ReportFacts): EvaluationInputs {
  return {
    profile: { kind: kindOf(s.kind), lowland: s.lowland, staff: s.staffCount, twinnedCommunes: s.twinnedCommunes },
    facts: {
      poorHouseholdsHelped: BigInt(s.poorHouseholdsHelped),
      modelsBuilt: BigInt(s.modelsBuilt),
      totalVnd: BigInt(s.totalVnd),
      cashVnd: BigInt(s.cashVnd),
      peopleTrained: BigInt(s.peopleTrained),
      contributions: BigInt(s.contributions),
      activeTwinnings: BigInt(s.twinnings),
      planSigned: flag(s.planSigned),
      planSignedOnTime: flag(s.planSignedOnTime),
      needsProposalOnTime: flag(s.needsProposalOnTime),
      yearEndReportSubmitted: flag(r.yearEndSubmitted),
      reportsOnTime: BigInt(r.onTime),
      reportsDue: BigInt(r.due),
      reportsNotOnTime: BigInt(r.due - r.onTime),
      // seed 001 §IV.2 "có ký kết nhưng không thực hiện": a signed plan and nothing carried out in the year
      signedButNotCarriedOut: flag(s.planSigned && s.contributions <= 0),
    },
  };
}

/** The stored copy of an evaluation's inputs (JSON: bigints as digit strings). */
export function factsSnapshot(s: SponsorFactsRow, inputs: EvaluationInputs): Record<string, unknown> {
  const facts: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs.facts)) if (typeof v === 'bigint') facts[k] = v.toString();
  return {
    sponsor: { code: s.code, kind: s.kind, lowland: s.lowland, staffCount: s.staffCount, districtId: s.districtId },
    twinnedCommunes: s.twinnedCommunes,
    facts,
  };
}
