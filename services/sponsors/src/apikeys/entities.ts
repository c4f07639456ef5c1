import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A partner's API key for one sponsor. Only the secret's SHA-256 is kept. */
export const ApiKeyEntity = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    sponsorId: p.uuid().fieldName('sponsor_id'),
    name: p.string(),
    secretHash: p.string().fieldName('secret_hash').hidden(),
    createdAt: p.datetime().fieldName('created_at'),
    createdBy: p.string().fieldName('created_by'),
    revokedAt: p.datetime().nullable().fieldName('revoked_at'),
    revokedBy: p.string().nullable().fieldName('revoked_by'),
  },
});
export type ApiKeyRow = InferEntity<typeof ApiKeyEntity>;
