import type {
  DueKind,
  FundingSource,
  IndicatorUnit,
  ProgramKind,
  ProgramStatus,
  ProvisionKind,
  TargetComparison,
  TargetScopeKind,
} from '../common/enums.js';
import type { ProvenanceData, SourceDocument } from '@kn/platform';

/**
 * The demo programmes are the five source documents, transcribed. Every text a seed quotes — titles,
 * objectives, notes, task titles, agencies, provisions, due wordings, scope labels — is the
 * document's own words (`documents.test.ts` checks each one against the document).
 *
 * How the document's wording is read into `comparison` (the words stay in `note`):
 *   “từ X trở lên”, “ít nhất X”, “phấn đấu … (lên) X”, “nâng … lên X”  → AT_LEAST X
 *   “khoảng X”, “còn khoảng X”                                        → ABOUT X
 *   “X-Y”, “từ X – Y”                                                  → BETWEEN X and Y
 *   a planned count in a distribution (“Số xã đạt 15-18 tiêu chí có 02/207 xã”) → EXACTLY X
 *   “X/207 xã”                                                         → value X, outOf 207
 *   a target stated in words only                                      → value null, comparison null
 */
export interface IndicatorSeed {
  code: string;
  name: string;
  nameEn: string;
  unit: IndicatorUnit;
  higherIsBetter: boolean | null;
}

export interface ScopeSeed {
  kind: TargetScopeKind;
  group: string;
  /** The group as the document names it (quoted). */
  label: string;
  size?: number;
}

export interface TargetSeed {
  indicator: string;
  /** A one-year target… */
  year?: number;
  /** …or a period. */
  startYear?: number;
  endYear?: number;
  yearly?: boolean;
  comparison: TargetComparison | null;
  /** Exact decimal text; for VND indicators a whole number of đồng. */
  value: string | null;
  max?: string;
  outOf?: string;
  /** Absent: the whole province. */
  scope?: ScopeSeed;
  /** The document's words (quoted). */
  note: string;
  /** Where in the document ("I.2", "III.2.1.a"). */
  section: string;
  /** A baseline the document implies ("có thêm 12 xã … lên 61": 49 at the end of 2018). */
  baseline?: string;
  baselineYear?: number;
  /** Default: DOCUMENT, quoting `note` at `section`. Say otherwise where the value is a reading or a setting. */
  provenance?: ProvenanceData;
}

export type DueSeed =
  | { kind: DueKind.DATE; date: string; wording?: string }
  | {
      kind: DueKind.RULE;
      months?: number[];
      quarters?: number[];
      day?: number;
      by?: boolean;
      year?: number;
      intervalMonths?: number;
      wording: string;
    }
  | { kind: DueKind.ONGOING | DueKind.AS_NEEDED; wording?: string };

export interface TaskSeed {
  /** Where in the document; unique within the programme (the seed id is derived from it). */
  ref: string;
  /** The task in the document's words (quoted). */
  title: string;
  /** Quoted. */
  lead: string;
  /** Quoted, each. */
  coordinating?: string[];
  /** Quoted. */
  directing?: string;
  due?: DueSeed;
  /** Default: DOCUMENT, quoting `title` at `ref` (a due day the words do not give is an INTERPRETATION). */
  provenance?: ProvenanceData;
}

/** A legal text the programme rests on, as its document names it. */
export interface LegalBasisSeed {
  number: string | null;
  issuedOn: string | null;
  issuer: string | null;
  /** Quoted. */
  title: string;
  relation: 'căn cứ' | 'thực hiện' | 'theo đề nghị' | 'triển khai';
  /** What the platform knows beyond the words (a date the documents disagree on…). */
  note?: string;
}

export interface FundingSeed {
  source: FundingSource;
  /** Whole đồng, as digits. */
  amount: string;
  year?: number;
  /** Quoted. */
  note: string;
}

export interface ProvisionSeed {
  kind: ProvisionKind;
  heading?: string;
  text: string;
  reference?: string;
}

export interface ProgramSeed {
  tenant: string;
  code: string;
  /** The source document in `data/sources/`. */
  file: string;
  /** Its key in the platform's `SOURCE_DOCUMENTS` (what provenance calls it). */
  document: SourceDocument;
  /** The legal texts it rests on, in its order. */
  legalBases: LegalBasisSeed[];
  /** Quoted (case aside: some documents set the title in capitals). */
  title: string;
  titleEn: string;
  kind: ProgramKind;
  status: ProgramStatus;
  documentNumber: string | null;
  issuedOn: string | null;
  issuer: string;
  /** Quoted. */
  signer: string;
  signerTitle: string;
  startYear: number;
  endYear: number | null;
  /** What the document leaves blank and how the data reads it. */
  sourceNote: string | null;
  /** Quoted, each. */
  objectives: string[];
  provisions: ProvisionSeed[];
  /** Pre-2025 codes of the communes the document lists (ids: `seedIds.unit(tenant, 'COMMUNE', code, 'old')`). */
  coveredCommuneCodes: string[];
  targets: TargetSeed[];
  tasks: TaskSeed[];
  funding: FundingSeed[];
}
