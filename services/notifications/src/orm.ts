import { Migration20261207130300_init } from './migrations/Migration20261207130300_init.js';
import { Migration20261207150000_notification_scope } from './migrations/Migration20261207150000_notification_scope.js';
import { Migration20261208010400_tenant_lineage } from './migrations/Migration20261208010400_tenant_lineage.js';
import { NotificationReadEntity, NotificationSettingEntity } from './notifications/entities.js';
import { WebhookEntity } from './webhooks/entities.js';

/** This subgraph's PostgreSQL schema. */
export const DB_SCHEMA = 'notifications';
export const entities = [NotificationReadEntity, NotificationSettingEntity, WebhookEntity];
export const migrations = [Migration20261207130300_init, Migration20261207150000_notification_scope, Migration20261208010400_tenant_lineage];
