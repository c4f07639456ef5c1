import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One accepted import (a file or a batch of rows): its contributions point at it. */
export const ImportBatchEntity = defineEntity({
  name: 'ImportBatch',
  tableName: 'import_batch',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    source: p.string(),
    /** SHA-256 of the canonical rows: the same rows imported twice are written once. */
    contentHash: p.string().fieldName('content_hash'),
    rowCount: p.integer().fieldName('row_count'),
    createdBy: p.string().fieldName('created_by'),
    createdAt: p.datetime().fieldName('created_at'),
  },
});
export type ImportBatch = InferEntity<typeof ImportBatchEntity>;
