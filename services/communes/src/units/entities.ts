import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A provincial platform customer. Its row is visible to itself (and to the national role). */
export const TenantEntity = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    name: p.string(),
    /** Province codes (old and new) whose units this tenant owns. */
    provinceCodes: p.array().fieldName('province_codes'),
  },
});
export type Tenant = InferEntity<typeof TenantEntity>;

export const UNIT_LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/**
 * An administrative unit at one level, valid over a period. A code is not an identity: the same
 * code can name two units in two periods (06148 was Thanh Long, then Thụy Hùng).
 */
export const AdminUnitEntity = defineEntity({
  name: 'AdminUnit',
  tableName: 'admin_unit',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    level: p.string(),
    code: p.string(),
    name: p.string(),
    fullName: p.string().fieldName('full_name'),
    kind: p.string(),
    parentId: p.uuid().nullable().fieldName('parent_id'),
    provinceId: p.uuid().nullable().fieldName('province_id'),
    validFrom: p.string().columnType('date').nullable().fieldName('valid_from'),
    validTo: p.string().columnType('date').nullable().fieldName('valid_to'),
    searchKey: p.string().fieldName('search_key'),
    latitude: p.double().nullable(),
    longitude: p.double().nullable(),
    locationSource: p.string().nullable().fieldName('location_source'),
  },
});
export type AdminUnit = InferEntity<typeof AdminUnitEntity>;

export const UnitSuccessionEntity = defineEntity({
  name: 'UnitSuccession',
  tableName: 'unit_succession',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    predecessorId: p.uuid().primary().fieldName('predecessor_id'),
    successorId: p.uuid().primary().fieldName('successor_id'),
    /** MERGE: the whole predecessor went into the successor; SPLIT: part of it did. */
    kind: p.string(),
    /** The recorded change that made the link (issue #18 §3); null for the 2025 reform's links. */
    changeId: p.uuid().nullable().fieldName('change_id'),
  },
});
export type UnitSuccession = InferEntity<typeof UnitSuccessionEntity>;

export const UnitClassificationEntity = defineEntity({
  name: 'UnitClassification',
  tableName: 'unit_classification',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    unitId: p.uuid().primary().fieldName('unit_id'),
    classification: p.string().primary(),
    source: p.string().nullable(),
    provenance: p.json<Record<string, unknown>>().nullable(),
  },
});
export type UnitClassification = InferEntity<typeof UnitClassificationEntity>;

/**
 * A recorded change of the geography (issue #18 §3): a merge, split, rename, reclassification or
 * transfer to another district, from its effective day, on a legal basis. Its links are the
 * `unit_succession` rows pointing at it.
 */
export const UnitChangeEntity = defineEntity({
  name: 'UnitChange',
  tableName: 'unit_change',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    kind: p.string(),
    level: p.string(),
    effectiveOn: p.string().columnType('date').fieldName('effective_on'),
    legalBasis: p.string().fieldName('legal_basis'),
    provenance: p.json<Record<string, unknown>>(),
    note: p.string().nullable(),
    recordedBy: p.string().fieldName('recorded_by'),
    recordedAt: p.datetime().fieldName('recorded_at').onCreate(() => new Date()),
  },
});
export type UnitChange = InferEntity<typeof UnitChangeEntity>;

export const entities = [TenantEntity, AdminUnitEntity, UnitSuccessionEntity, UnitClassificationEntity, UnitChangeEntity];
