import { asDateString } from '@kn/platform';

export interface ContributionRow {
  tenantId: string;
  id: string;
  twinningId: string;
  sponsorId: string;
  communeId: string;
  programId: string;
  contributedOn: string;
  category: string;
  description: string;
  cashVnd: bigint;
  inKindVnd: bigint;
  poorHouseholdsHelped: number;
  modelsBuilt: number;
  modelKind: string | null;
  peopleTrained: number;
  beneficiaries: number;
  status: string;
  reversesId: string | null;
  reversalReason: string | null;
  importBatchId: string | null;
  createdBy: string;
  version: number;
  createdAt: string | Date;
}

export const CONTRIBUTION_COLUMNS =
  'c.tenant_id, c.id, c.twinning_id, c.sponsor_id, c.commune_id, c.program_id, c.contributed_on, c.category, ' +
  'c.description, c.cash_vnd, c.in_kind_vnd, c.poor_households_helped, c.models_built, c.model_kind, ' +
  'c.people_trained, c.beneficiaries, c.status, c.reverses_id, c.reversal_reason, c.import_batch_id, ' +
  'c.created_by, c.version, c.created_at';

export function toContribution(r: Record<string, unknown>): ContributionRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    twinningId: r.twinning_id as string,
    sponsorId: r.sponsor_id as string,
    communeId: r.commune_id as string,
    programId: r.program_id as string,
    contributedOn: asDateString(r.contributed_on)!,
    category: r.category as string,
    description: r.description as string,
    cashVnd: BigInt(r.cash_vnd as string),
    inKindVnd: BigInt(r.in_kind_vnd as string),
    poorHouseholdsHelped: Number(r.poor_households_helped),
    modelsBuilt: Number(r.models_built),
    modelKind: (r.model_kind as string | null) ?? null,
    peopleTrained: Number(r.people_trained),
    beneficiaries: Number(r.beneficiaries),
    status: r.status as string,
    reversesId: (r.reverses_id as string | null) ?? null,
    reversalReason: (r.reversal_reason as string | null) ?? null,
    importBatchId: (r.import_batch_id as string | null) ?? null,
    createdBy: r.created_by as string,
    version: Number(r.version),
    createdAt: r.created_at as string,
  };
}
