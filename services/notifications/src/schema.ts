import { buildFederatedSchema } from '@kn/platform';
import { notificationReferences } from './notifications/references.js';
import { NotificationResolver } from './notifications/resolvers.js';
import { WebhookResolver } from './webhooks/resolvers.js';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [NotificationResolver, WebhookResolver],
    references: notificationReferences,
  });
}
