import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A sponsor twinned with a commune under a programme, for a period. The sponsor, the commune and the
 * programme never change once signed (contributions copy them, checked by a foreign key); a
 * different pairing is a new twinning.
 */
export const TwinningEntity = defineEntity({
  name: 'Twinning',
  tableName: 'twinning',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    code: p.string(),
    sponsorId: p.uuid().fieldName('sponsor_id'),
    communeId: p.uuid().fieldName('commune_id'),
    programId: p.uuid().fieldName('program_id'),
    signedOn: p.string().columnType('date').nullable().fieldName('signed_on'),
    startsOn: p.string().columnType('date').fieldName('starts_on'),
    endsOn: p.string().columnType('date').nullable().fieldName('ends_on'),
    status: p.string(),
    /** For a commune split on 1/7/2025: which of its successors the twinning continues in. */
    successorCommuneId: p.uuid().nullable().fieldName('successor_commune_id'),
    note: p.string().nullable(),
    version: p.integer(),
    createdAt: p.datetime().fieldName('created_at'),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type Twinning = InferEntity<typeof TwinningEntity>;
