import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A unit that twins: a provincial department, a district, an enterprise, an armed-forces unit… */
export const SponsorEntity = defineEntity({
  name: 'Sponsor',
  tableName: 'sponsor',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    code: p.string(),
    name: p.string(),
    searchKey: p.string().fieldName('search_key'),
    kind: p.string(),
    /** Biên chế: the per-10-staff targets of Quảng Nam's plan need it. */
    staffCount: p.integer().nullable().fieldName('staff_count'),
    lowland: p.boolean(),
    insideProvince: p.boolean().fieldName('inside_province'),
    /** For a sponsor of kind DISTRICT: the district unit (communes subgraph) it is. */
    districtId: p.uuid().nullable().fieldName('district_id'),
    contactName: p.string().nullable().fieldName('contact_name'),
    contactPhone: p.string().nullable().fieldName('contact_phone'),
    contactEmail: p.string().nullable().fieldName('contact_email'),
    version: p.integer(),
    createdAt: p.datetime().fieldName('created_at'),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type Sponsor = InferEntity<typeof SponsorEntity>;
