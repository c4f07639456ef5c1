import {
  checkVersion,
  forbidden,
  isUuid,
  keysetPage,
  ownSponsor,
  type PageArgs,
  pgArray,
  provenance,
  Reason,
  refuse,
  toProvenance,
} from '@kn/platform';
import type { Ctx } from '../loaders.js';
import { NotificationReadEntity, NotificationSettingEntity } from './entities.js';
import { type Notification, NotificationOrdering, type NotificationSettings } from './types.js';

/** Reminder days of a province that set none: the platform's default, said to be one (PROVINCE_SETTING). */
export const DEFAULT_REMINDER_DAYS = [7, 1];
export const DEFAULT_SETTING_PROVENANCE = provenance.setting(
  'Mặc định của nền tảng: nhắc 7 ngày và 1 ngày trước hạn; tỉnh xác nhận hoặc đổi (setReminderDays) / platform default: remind 7 days and 1 day before a deadline; the province confirms or changes it (setReminderDays). The documents give deadlines, not reminder days.',
);
const SET_BY_PROVINCE = provenance.setting('Đặt bởi tỉnh qua setReminderDays / set by the province through setReminderDays');

const MAX_MARK = 500;

/**
 * Which notifications a caller sees (the application's belt; row-level security keeps the tenant):
 * a sponsor identity those naming its sponsor; staff those naming one of its roles and, when a unit
 * scope narrows it, only those touching one of its units or agencies.
 */
function visibleTo(ctx: Ctx): { sql: string; params: unknown[] } {
  const own = ownSponsor(ctx);
  if (own !== undefined) return own === null ? { sql: 'false', params: [] } : { sql: '?::uuid = any(n.recipient_sponsors)', params: [own] };
  const roles = ctx.identity.roles.filter((r) => r !== 'sponsor');
  const scope = ctx.identity.scope;
  if (!scope) return { sql: 'n.recipient_roles && ?::text[]', params: [pgArray(roles)] };
  return {
    sql: '(n.recipient_roles && ?::text[] and (n.recipient_units && ?::uuid[] or n.recipient_sponsors && ?::uuid[]))',
    params: [pgArray(roles), pgArray(scope.reach), pgArray(scope.agencies)],
  };
}

function toNotification(r: Record<string, unknown>): Notification {
  return {
    id: String(r.id),
    event: r.event as Notification['event'],
    subjectType: String(r.subject_type),
    subjectId: String(r.subject_id),
    payload: String(r.payload),
    source: String(r.source),
    occurredAt: new Date(String(r.occurred_at)),
    read: r.is_read === true,
  };
}

const readBy = `exists (select 1 from notifications.notification_read r where r.tenant_id = n.tenant_id and r.reader = ? and r.notification_id = n.id)`;

export class NotificationsService {
  async list(ctx: Ctx, unreadOnly: boolean, page: PageArgs<keyof typeof NotificationOrdering.Field>) {
    ctx.authorize('notifications.read');
    const tenant = ctx.requireTenant();
    const reader = ctx.identity.subject;
    const v = visibleTo(ctx);
    const em = await ctx.em();
    return keysetPage<Notification>(em, {
      list: `select n.id, n.event, n.subject_type, n.subject_id, n.payload::text as payload, n.source, n.occurred_at, ${readBy} as is_read
               from notifications.notification n
              where n.tenant_id = ? and ${v.sql}${unreadOnly ? ` and not ${readBy}` : ''}`,
      params: [reader, tenant, ...v.params, ...(unreadOnly ? [reader] : [])],
      order: NotificationOrdering.resolve(page.orderBy),
      page,
      toNode: toNotification,
    });
  }

  /** One notification the caller sees (as `notifications` would list it), else null — like an id that does not exist. */
  async byId(ctx: Ctx, id: string): Promise<Notification | null> {
    ctx.authorize('notifications.read');
    const tenant = ctx.requireTenant();
    if (!isUuid(id)) return null;
    const v = visibleTo(ctx);
    const em = await ctx.em();
    const rows = await em.execute(
      `select n.id, n.event, n.subject_type, n.subject_id, n.payload::text as payload, n.source, n.occurred_at, ${readBy} as is_read
         from notifications.notification n
        where n.tenant_id = ? and n.id = ?::uuid and ${v.sql}`,
      [ctx.identity.subject, tenant, id.toLowerCase(), ...v.params],
    );
    const r = rows[0];
    return r ? toNotification(r) : null;
  }

  /**
   * Marks notifications read for the caller: the ids given (those it does not see are ignored, as
   * ids that do not exist), or with `all` every one it sees. Returns how many were newly marked.
   */
  async markRead(ctx: Ctx, ids: readonly string[] | null | undefined, all: boolean | null | undefined): Promise<number> {
    ctx.authorize('notifications.read');
    const tenant = ctx.requireTenant();
    if (!all && !ids?.length) throw refuse('Give the ids to mark read, or all: true', 'ids', Reason.REQUIRED);
    if (all && ids?.length) throw refuse('Give the ids or all: true, not both', 'all', Reason.INCONSISTENT);
    if (ids && ids.length > MAX_MARK) throw refuse(`At most ${MAX_MARK} ids at a time`, 'ids', Reason.TOO_MANY, { max: MAX_MARK });
    const wanted = [...new Set((ids ?? []).filter(isUuid).map((i) => i.toLowerCase()))];
    const reader = ctx.identity.subject;
    const v = visibleTo(ctx);
    return ctx.write('markNotificationsRead', async (em) => {
      const rows = await em.execute(
        `select n.id from notifications.notification n
          where n.tenant_id = ? and ${v.sql} and not ${readBy} ${all ? '' : 'and n.id = any(?::uuid[])'}
          order by n.occurred_at, n.id limit ${all ? 10_000 : MAX_MARK}`,
        [tenant, ...v.params, reader, ...(all ? [] : [pgArray(wanted)])],
      );
      const now = new Date();
      for (const r of rows) em.create(NotificationReadEntity, { tenantId: tenant, reader, notificationId: String(r.id), readAt: now });
      return rows.length;
    });
  }

  async settings(ctx: Ctx): Promise<NotificationSettings> {
    ctx.authorize('notifications.read');
    const tenant = ctx.requireTenant();
    const em = await ctx.em();
    const row = await em.findOne(NotificationSettingEntity, { tenantId: tenant });
    if (!row) return { reminderDaysBefore: DEFAULT_REMINDER_DAYS, provenance: toProvenance(DEFAULT_SETTING_PROVENANCE)!, version: 0 };
    return { reminderDaysBefore: row.reminderDaysBefore as number[], provenance: toProvenance(row.provenance)!, version: row.version };
  }

  /** Admins: the days before a deadline on which the province is reminded (1–10 distinct days, 1–365). Give the version read (0: never set). */
  async setReminderDays(ctx: Ctx, days: readonly number[], version: number | null | undefined): Promise<NotificationSettings> {
    ctx.authorize('notifications.configure');
    refuseScopedCaller(ctx);
    const tenant = ctx.requireTenant();
    if (days.length === 0) throw refuse('Give at least one day', 'days', Reason.REQUIRED);
    if (days.length > 10) throw refuse('At most 10 reminder days', 'days', Reason.TOO_MANY, { max: 10 });
    if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) throw refuse('Each day is a whole number from 1 to 365', 'days', Reason.INVALID_FORMAT);
    if (new Set(days).size !== days.length) throw refuse('A day is named twice', 'days', Reason.INCONSISTENT);
    const sorted = [...days].sort((a, b) => b - a);
    await ctx.write('setReminderDays', async (em) => {
      const row = await em.findOne(NotificationSettingEntity, { tenantId: tenant });
      if (version != null) checkVersion(row ?? { version: 0 }, version, 'The notification settings');
      if (!row) {
        em.create(NotificationSettingEntity, { tenantId: tenant, reminderDaysBefore: sorted, provenance: { ...SET_BY_PROVINCE }, version: 1, updatedAt: new Date() });
        return;
      }
      row.reminderDaysBefore = sorted;
      row.provenance = { ...SET_BY_PROVINCE };
      row.version += 1;
      row.updatedAt = new Date();
    });
    return this.settings(ctx);
  }
}

/** A province's settings are the whole province's: a unit-scoped caller does not change them. */
function refuseScopedCaller(ctx: Ctx): void {
  if (ctx.isScoped) throw forbidden('The province’s notification settings belong to the whole province; your unit scope narrows you to part of it');
}

export const notificationsService = new NotificationsService();
