import { asDateString } from '@kn/platform';

/** One administrative unit as the resolvers see it. */
export interface UnitRow {
  tenantId: string;
  id: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  code: string;
  name: string;
  fullName: string;
  kind: string;
  parentId: string | null;
  provinceId: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** The unit's own position (WGS 84) and its source, when the national data gives one. */
  latitude: number | null;
  longitude: number | null;
  locationSource: string | null;
}

export const UNIT_COLUMNS =
  'u.tenant_id, u.id, u.level, u.code, u.name, u.full_name, u.kind, u.parent_id, u.province_id, u.valid_from, u.valid_to, u.latitude, u.longitude, u.location_source';

export function toUnit(r: Record<string, unknown>): UnitRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    level: r.level as UnitRow['level'],
    code: r.code as string,
    name: r.name as string,
    fullName: r.full_name as string,
    kind: r.kind as string,
    parentId: (r.parent_id as string | null) ?? null,
    provinceId: (r.province_id as string | null) ?? null,
    validFrom: asDateString(r.valid_from),
    validTo: asDateString(r.valid_to),
    latitude: r.latitude == null ? null : Number(r.latitude),
    longitude: r.longitude == null ? null : Number(r.longitude),
    locationSource: (r.location_source as string | null) ?? null,
  };
}

/** SQL: the unit aliased `u` is valid on the date bound to the two placeholders. */
export const VALID_ON = '(u.valid_from is null or u.valid_from <= ?::date) and (u.valid_to is null or u.valid_to >= ?::date)';
