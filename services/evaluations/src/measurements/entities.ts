import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A set of NTM criteria (e.g. the 19 of 2016–2020): data, so a new national set is a new row. */
export const CriteriaSetEntity = defineEntity({
  name: 'CriteriaSet',
  tableName: 'criteria_set',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    code: p.string().primary(),
    titleVi: p.text().fieldName('title_vi'),
    titleEn: p.text().fieldName('title_en'),
    decision: p.text(),
    firstYear: p.integer().fieldName('first_year'),
    lastYear: p.integer().nullable().fieldName('last_year'),
    criteriaCount: p.integer().fieldName('criteria_count'),
    provenance: p.json<Record<string, unknown>>().nullable(),
    version: p.integer(),
  },
});
export type CriteriaSet = InferEntity<typeof CriteriaSetEntity>;

export const CriterionEntity = defineEntity({
  name: 'Criterion',
  tableName: 'criterion',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    setCode: p.string().primary().fieldName('set_code'),
    number: p.integer().primary(),
    nameVi: p.text().fieldName('name_vi'),
    nameEn: p.text().fieldName('name_en'),
  },
});
export type Criterion = InferEntity<typeof CriterionEntity>;

/** A commune's figures of a year, as the commune stood on 31/12 of that year. */
export const MeasurementEntity = defineEntity({
  name: 'CommuneMeasurement',
  tableName: 'commune_measurement',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    communeId: p.uuid().fieldName('commune_id'),
    year: p.integer(),
    criteriaSetCode: p.string().nullable().fieldName('criteria_set_code'),
    criteriaMet: p.json<number[]>().nullable().columnType('jsonb').fieldName('criteria_met'),
    ntmCertified: p.boolean().fieldName('ntm_certified'),
    households: p.integer(),
    poorHouseholds: p.integer().fieldName('poor_households'),
    nearPoorHouseholds: p.integer().fieldName('near_poor_households'),
    source: p.text(),
    synthetic: p.boolean(),
    version: p.integer(),
    createdAt: p.datetime().fieldName('created_at'),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type Measurement = InferEntity<typeof MeasurementEntity>;
