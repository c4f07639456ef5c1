export interface SponsorRow {
  tenantId: string;
  id: string;
  code: string;
  name: string;
  kind: string;
  staffCount: number | null;
  lowland: boolean;
  insideProvince: boolean;
  districtId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  version: number;
}

export const SPONSOR_COLUMNS =
  's.tenant_id, s.id, s.code, s.name, s.kind, s.staff_count, s.lowland, s.inside_province, s.district_id, ' +
  's.contact_name, s.contact_phone, s.contact_email, s.version';

export function toSponsor(r: Record<string, unknown>): SponsorRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    kind: r.kind as string,
    staffCount: r.staff_count == null ? null : Number(r.staff_count),
    lowland: Boolean(r.lowland),
    insideProvince: Boolean(r.inside_province),
    districtId: (r.district_id as string | null) ?? null,
    contactName: (r.contact_name as string | null) ?? null,
    contactPhone: (r.contact_phone as string | null) ?? null,
    contactEmail: (r.contact_email as string | null) ?? null,
    version: Number(r.version),
  };
}
