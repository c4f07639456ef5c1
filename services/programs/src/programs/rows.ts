import { asDateString } from '@kn/platform';
import type { ProvisionData } from './entities.js';

/** A legal text the programme rests on (căn cứ, thực hiện…), as the document names it. */
export interface LegalBasisData {
  number: string | null;
  issuedOn: string | null;
  issuer: string | null;
  title: string;
  /** How the document relates to it: "căn cứ", "thực hiện", "theo đề nghị"… */
  relation: string | null;
  note?: string | null;
}

/** One programme as the resolvers see it. */
export interface ProgramRow {
  tenantId: string;
  id: string;
  code: string;
  title: string;
  titleEn: string | null;
  kind: string;
  status: string;
  documentNumber: string | null;
  issuedOn: string | null;
  issuer: string | null;
  signer: string | null;
  signerTitle: string | null;
  startYear: number;
  endYear: number | null;
  objectives: string[];
  provisions: ProvisionData[];
  sourceNote: string | null;
  legalBases: LegalBasisData[];
  version: number;
}

export const PROGRAM_COLUMNS =
  'p.tenant_id, p.id, p.code, p.title, p.title_en, p.kind, p.status, p.document_number, p.issued_on, p.issuer, ' +
  'p.signer, p.signer_title, p.start_year, p.end_year, p.objectives, p.provisions, p.source_note, p.legal_bases, p.version';

export function toProgram(r: Record<string, unknown>): ProgramRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    code: r.code as string,
    title: r.title as string,
    titleEn: (r.title_en as string | null) ?? null,
    kind: r.kind as string,
    status: r.status as string,
    documentNumber: (r.document_number as string | null) ?? null,
    issuedOn: asDateString(r.issued_on),
    issuer: (r.issuer as string | null) ?? null,
    signer: (r.signer as string | null) ?? null,
    signerTitle: (r.signer_title as string | null) ?? null,
    startYear: Number(r.start_year),
    endYear: r.end_year == null ? null : Number(r.end_year),
    objectives: (r.objectives as string[] | null) ?? [],
    provisions: (typeof r.provisions === 'string' ? JSON.parse(r.provisions) : r.provisions ?? []) as ProvisionData[],
    sourceNote: (r.source_note as string | null) ?? null,
    legalBases: (typeof r.legal_bases === 'string' ? JSON.parse(r.legal_bases) : r.legal_bases ?? []) as LegalBasisData[],
    version: Number(r.version),
  };
}
