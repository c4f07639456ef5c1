import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One line of a programme's funding plan: a source and an exact amount of đồng. */
export const FundingLineEntity = defineEntity({
  name: 'FundingLine',
  tableName: 'funding_line',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    source: p.string(),
    amount: p.bigint('bigint'),
    year: p.integer().nullable(),
    note: p.text().nullable(),
    position: p.integer(),
    version: p.integer(),
  },
});
export type FundingLine = InferEntity<typeof FundingLineEntity>;
