import { type Provenance, toProvenance } from '@kn/platform';
export interface MeasurementRow {
  id: string | null;
  communeId: string;
  year: number;
  criteriaSetCode: string | null;
  criteriaMet: number[] | null;
  ntmCertified: boolean | null;
  households: number;
  poorHouseholds: number;
  nearPoorHouseholds: number;
  source: string;
  synthetic: boolean;
  version: number | null;
  /** Rolled up from the predecessors listed in `parts` (the commune had no figures of its own that year). */
  parts: MeasurementRow[];
}

export const MEASUREMENT_COLUMNS = `m.id, m.commune_id, m.year, m.criteria_set_code, m.criteria_met, m.ntm_certified, m.households,
  m.poor_households, m.near_poor_households, m.source, m.synthetic, m.version`;

export function toMeasurement(r: Record<string, unknown>): MeasurementRow {
  const met = typeof r.criteria_met === 'string' ? (JSON.parse(r.criteria_met) as number[]) : ((r.criteria_met as number[] | null) ?? null);
  return {
    id: r.id as string,
    communeId: r.commune_id as string,
    year: Number(r.year),
    criteriaSetCode: (r.criteria_set_code as string | null) ?? null,
    criteriaMet: met ? met.map(Number) : null,
    ntmCertified: Boolean(r.ntm_certified),
    households: Number(r.households),
    poorHouseholds: Number(r.poor_households),
    nearPoorHouseholds: Number(r.near_poor_households),
    source: r.source as string,
    synthetic: Boolean(r.synthetic),
    version: Number(r.version),
    parts: [],
  };
}

/** A commune's figures made of its predecessors' (households add up; criteria do not: see `parts`). */
export function rolledUp(communeId: string, year: number, parts: MeasurementRow[]): MeasurementRow {
  return {
    id: null,
    communeId,
    year,
    criteriaSetCode: null,
    criteriaMet: null,
    ntmCertified: null,
    households: parts.reduce((s, p) => s + p.households, 0),
    poorHouseholds: parts.reduce((s, p) => s + p.poorHouseholds, 0),
    nearPoorHouseholds: parts.reduce((s, p) => s + p.nearPoorHouseholds, 0),
    source: `Cộng từ ${parts.length} xã trước sắp xếp / sum of ${parts.length} predecessor communes`,
    synthetic: parts.every((p) => p.synthetic),
    version: null,
    parts,
  };
}

export interface CriteriaSetRow {
  code: string;
  titleVi: string;
  titleEn: string;
  decision: string;
  firstYear: number;
  lastYear: number | null;
  criteriaCount: number;
  provenance: Provenance | null;
  version: number;
}

export interface CriterionRow {
  setCode: string;
  number: number;
  nameVi: string;
  nameEn: string;
}

export const CRITERIA_SET_COLUMNS = `s.code, s.title_vi, s.title_en, s.decision, s.first_year, s.last_year, s.criteria_count, s.provenance, s.version`;
export const toCriteriaSet = (r: Record<string, unknown>): CriteriaSetRow => ({
  code: r.code as string,
  titleVi: r.title_vi as string,
  titleEn: r.title_en as string,
  decision: r.decision as string,
  firstYear: Number(r.first_year),
  lastYear: r.last_year == null ? null : Number(r.last_year),
  criteriaCount: Number(r.criteria_count),
  provenance: toProvenance(r.provenance),
  version: Number(r.version),
});
