import { asDateString, toProvenance, type Provenance } from '@kn/platform';
import type { UnitChangeKind, UnitLevel } from './types.js';

/** One recorded change as the resolvers see it. */
export interface ChangeRow {
  id: string;
  kind: UnitChangeKind;
  level: UnitLevel;
  effectiveOn: string;
  legalBasis: string;
  provenance: Provenance;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export const CHANGE_COLUMNS = 'c.tenant_id, c.id, c.kind, c.level, c.effective_on, c.legal_basis, c.provenance, c.note, c.recorded_by, c.recorded_at';

export function toChange(r: Record<string, unknown>): ChangeRow {
  return {
    id: r.id as string,
    kind: r.kind as UnitChangeKind,
    level: r.level as UnitLevel,
    effectiveOn: asDateString(r.effective_on)!,
    legalBasis: r.legal_basis as string,
    provenance: toProvenance(r.provenance)!,
    note: (r.note as string | null) ?? null,
    recordedBy: r.recorded_by as string,
    recordedAt: r.recorded_at instanceof Date ? r.recorded_at : new Date(String(r.recorded_at)),
  };
}
