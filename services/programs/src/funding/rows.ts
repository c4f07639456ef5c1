export interface FundingLineRow {
  tenantId: string;
  id: string;
  programId: string;
  source: string;
  amount: bigint;
  year: number | null;
  note: string | null;
  position: number;
  version: number;
}

export const FUNDING_COLUMNS = 'f.tenant_id, f.id, f.program_id, f.source, f.amount::text as amount, f.year, f.note, f.position, f.version';

export function toFundingLine(r: Record<string, unknown>): FundingLineRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    programId: r.program_id as string,
    source: r.source as string,
    amount: BigInt(r.amount as string),
    year: r.year == null ? null : Number(r.year),
    note: (r.note as string | null) ?? null,
    position: Number(r.position),
    version: Number(r.version),
  };
}
