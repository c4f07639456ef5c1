import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One entry of a tenant's indicator catalogue: what targets measure. */
export const IndicatorEntity = defineEntity({
  name: 'Indicator',
  tableName: 'indicator',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    code: p.string(),
    name: p.text(),
    nameEn: p.text().nullable().fieldName('name_en'),
    unit: p.string(),
    /** null: neither direction is better (e.g. a band of a distribution). */
    higherIsBetter: p.boolean().nullable().fieldName('higher_is_better'),
    searchKey: p.text().fieldName('search_key'),
    version: p.integer(),
  },
});
export type Indicator = InferEntity<typeof IndicatorEntity>;
