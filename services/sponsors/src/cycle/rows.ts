import { asDateString } from '@kn/platform';

/** A needs proposal or a yearly plan: the same shape, a different date's meaning. */
export interface CycleDocRow {
  tenantId: string;
  id: string;
  twinningId: string;
  year: number;
  /** submitted on (needs proposal) or signed on (plan) */
  on: string;
  deadline: string | null;
  onTime: boolean | null;
  note: string | null;
  version: number;
  /** Where it is in the reporting chain (docs/WORKFLOW.md). */
  status: string;
}

export function toCycleDoc(r: Record<string, unknown>): CycleDocRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    twinningId: r.twinning_id as string,
    year: Number(r.year),
    on: asDateString(r.submitted_on ?? r.signed_on)!,
    deadline: asDateString(r.deadline),
    onTime: r.on_time == null ? null : Boolean(r.on_time),
    note: (r.note as string | null) ?? null,
    version: Number(r.version),
    status: (r.status as string | undefined) ?? 'SUBMITTED',
  };
}

export interface NeedsItemRow {
  id: string;
  proposalId: string;
  position: number;
  category: string;
  description: string;
  estimatedCostVnd: bigint;
}

export interface PlanItemRow {
  id: string;
  planId: string;
  position: number;
  content: string;
  place: string | null;
  beneficiaries: string | null;
  fundingVnd: bigint;
  schedule: string | null;
}
