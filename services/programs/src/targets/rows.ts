import { toProvenance, type Provenance } from '@kn/platform';
import { toIndicator, type IndicatorRow } from '../indicators/rows.js';

export interface TargetScopeRow {
  kind: string;
  group: string | null;
  label: string;
  size: number | null;
}

/** A target as the resolvers see it, with its indicator (read in the same statement). */
export interface TargetRow {
  tenantId: string;
  id: string;
  programId: string;
  indicator: IndicatorRow;
  year: number | null;
  startYear: number;
  endYear: number;
  yearly: boolean;
  comparison: string | null;
  /** Exact decimal text; for VND indicators the amount in đồng. */
  targetValue: string | null;
  targetValueMax: string | null;
  targetAmount: bigint | null;
  targetAmountMax: bigint | null;
  outOf: string | null;
  baseline: string | null;
  baselineAmount: bigint | null;
  baselineYear: number | null;
  scope: TargetScopeRow;
  note: string | null;
  /** Where the target comes from; null for one recorded without it. */
  provenance: Provenance | null;
  position: number;
  version: number;
}

export const TARGET_SELECT = `
  t.tenant_id, t.id, t.program_id, t.start_year, t.end_year, t.yearly, t.comparison,
  t.target_value::text as target_value, t.target_value_max::text as target_value_max,
  t.target_amount::text as target_amount, t.target_amount_max::text as target_amount_max,
  t.out_of::text as out_of, t.baseline::text as baseline, t.baseline_amount::text as baseline_amount, t.baseline_year,
  t.scope_kind, t.scope_group, t.scope_label, t.scope_size, t.note, t.provenance, t.position, t.version,
  i.tenant_id as i_tenant_id, i.id as i_id, i.code as i_code, i.name as i_name, i.name_en as i_name_en,
  i.unit as i_unit, i.higher_is_better as i_higher_is_better, i.version as i_version`;

export const TARGET_FROM = `programs.target t join programs.indicator i on i.tenant_id = t.tenant_id and i.id = t.indicator_id`;

const big = (v: unknown) => (v == null ? null : BigInt(v as string));
const text = (v: unknown) => (v == null ? null : String(v));

export function toTarget(r: Record<string, unknown>): TargetRow {
  const startYear = Number(r.start_year);
  const endYear = Number(r.end_year);
  const targetAmount = big(r.target_amount);
  const targetAmountMax = big(r.target_amount_max);
  const baselineAmount = big(r.baseline_amount);
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    programId: r.program_id as string,
    indicator: toIndicator(r, 'i_'),
    year: startYear === endYear ? startYear : null,
    startYear,
    endYear,
    yearly: Boolean(r.yearly),
    comparison: (r.comparison as string | null) ?? null,
    targetValue: text(r.target_value) ?? targetAmount?.toString() ?? null,
    targetValueMax: text(r.target_value_max) ?? targetAmountMax?.toString() ?? null,
    targetAmount,
    targetAmountMax,
    outOf: text(r.out_of),
    baseline: text(r.baseline) ?? baselineAmount?.toString() ?? null,
    baselineAmount,
    baselineYear: r.baseline_year == null ? null : Number(r.baseline_year),
    scope: {
      kind: r.scope_kind as string,
      group: (r.scope_group as string | null) ?? null,
      label: r.scope_label as string,
      size: r.scope_size == null ? null : Number(r.scope_size),
    },
    note: (r.note as string | null) ?? null,
    provenance: toProvenance(r.provenance),
    position: Number(r.position),
    version: Number(r.version),
  };
}
