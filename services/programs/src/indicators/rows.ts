export interface IndicatorRow {
  tenantId: string;
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  unit: string;
  higherIsBetter: boolean | null;
  version: number;
}

export const INDICATOR_COLUMNS = 'i.tenant_id, i.id, i.code, i.name, i.name_en, i.unit, i.higher_is_better, i.version';

/** Maps a row whose indicator columns carry `prefix` (`''` for the indicator's own query). */
export function toIndicator(r: Record<string, unknown>, prefix = ''): IndicatorRow {
  return {
    tenantId: r[`${prefix}tenant_id`] as string,
    id: r[`${prefix}id`] as string,
    code: r[`${prefix}code`] as string,
    name: r[`${prefix}name`] as string,
    nameEn: (r[`${prefix}name_en`] as string | null) ?? null,
    unit: r[`${prefix}unit`] as string,
    higherIsBetter: (r[`${prefix}higher_is_better`] as boolean | null) ?? null,
    version: Number(r[`${prefix}version`]),
  };
}
