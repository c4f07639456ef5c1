import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A partner system's webhook: where events of the province are POSTed, signed with its secret. */
export const WebhookEntity = defineEntity({
  name: 'Webhook',
  tableName: 'webhook',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    url: p.string(),
    events: p.array().columnType('text[]'),
    // its secret lives in webhook_secret (written beside it, in the same transaction): never in the audit log
    active: p.boolean(),
    createdAt: p.datetime().fieldName('created_at'),
    createdBy: p.string().fieldName('created_by'),
    version: p.integer(),
  },
});
export type WebhookRow = InferEntity<typeof WebhookEntity>;
