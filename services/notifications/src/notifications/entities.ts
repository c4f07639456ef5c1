import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A reader's "read" mark on one notification (written by `markNotificationsRead`, audited). */
export const NotificationReadEntity = defineEntity({
  name: 'NotificationRead',
  tableName: 'notification_read',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    reader: p.string().primary(),
    notificationId: p.uuid().primary().fieldName('notification_id'),
    readAt: p.datetime().fieldName('read_at'),
  },
});

/** A province's notification settings: how many days before a deadline it is reminded. */
export const NotificationSettingEntity = defineEntity({
  name: 'NotificationSetting',
  tableName: 'notification_setting',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    reminderDaysBefore: p.array<number>((v) => Number(v)).columnType('int[]').fieldName('reminder_days_before'),
    provenance: p.json<Record<string, unknown>>().columnType('jsonb'),
    version: p.integer(),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type NotificationSettingRow = InferEntity<typeof NotificationSettingEntity>;
