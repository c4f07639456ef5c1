import { isUuid, keysetPage, newId, type PageArgs, Reason, refuse, requiredText, webhookTargetProblem } from '@kn/platform';
import { notificationsEnv } from '../env.js';
import type { Ctx } from '../loaders.js';
import { NotificationEvent } from '../notifications/types.js';
import { WebhookEntity } from './entities.js';
import {
  type RegisterWebhookInput,
  type Webhook,
  type WebhookDelivery,
  WebhookDeliveryOrdering,
  type WebhookDeliveryStatus,
  WebhookOrdering,
} from './types.js';

const EVENTS = new Set<string>(Object.values(NotificationEvent));

/**
 * A registered webhook's URL: http(s), at most 2,000 characters, no credentials in it, and a public
 * address — the host, and every address it resolves to (SSRF; WEBHOOK_ALLOW_PRIVATE, tests and
 * development only, lifts the address check). The worker checks the address again at each delivery.
 */
async function webhookUrl(value: string): Promise<string> {
  const text = requiredText(value, 'input.url', 2000);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('Not a URL', 'input.url', Reason.INVALID_FORMAT);
  }
  const problem = await webhookTargetProblem(url, notificationsEnv().WEBHOOK_ALLOW_PRIVATE);
  if (problem) throw refuse(problem.message, 'input.url', problem.reason);
  return url.toString();
}

const toWebhook = (r: Record<string, unknown>): Webhook => ({
  id: String(r.id),
  url: String(r.url),
  events: r.events as Webhook['events'],
  active: r.active === true,
  createdAt: new Date(String(r.created_at)),
  createdBy: String(r.created_by),
});

const toDelivery = (r: Record<string, unknown>): WebhookDelivery => ({
  id: String(r.id),
  webhookId: String(r.webhook_id),
  event: r.event as WebhookDelivery['event'],
  status: r.status as WebhookDeliveryStatus,
  attempts: Number(r.attempts),
  lastStatus: r.last_status == null ? null : Number(r.last_status),
  lastError: (r.last_error as string | null) ?? null,
  nextAttemptAt: r.status === 'PENDING' ? new Date(String(r.next_attempt_at)) : null,
  deliveredAt: r.delivered_at ? new Date(String(r.delivered_at)) : null,
  createdAt: new Date(String(r.created_at)),
  body: String(r.body),
});

/**
 * Webhooks of partner systems (admins). The worker delivers each event once to each active
 * webhook that subscribed to it: docs/NOTIFICATIONS.md. The secret is kept to sign deliveries and
 * never shown again.
 */
export class WebhooksService {
  async register(ctx: Ctx, input: RegisterWebhookInput): Promise<Webhook> {
    ctx.authorize('notifications.webhooks');
    const tenant = ctx.requireTenant();
    const url = await webhookUrl(input.url);
    if (input.events.length === 0) throw refuse('Name at least one event', 'input.events', Reason.REQUIRED);
    if (input.events.some((e) => !EVENTS.has(e))) throw refuse('Unknown event', 'input.events', Reason.INVALID_FORMAT);
    const events = [...new Set(input.events)];
    const secret = requiredText(input.secret, 'input.secret', 200);
    if (secret.length < 16) throw refuse('The secret needs at least 16 characters', 'input.secret', Reason.INVALID_FORMAT, { min: 16 });
    const id = newId();
    const row = await ctx.write('registerWebhook', async (em) => {
      const w = em.create(WebhookEntity, { tenantId: tenant, id, url, events, active: true, createdAt: new Date(), createdBy: ctx.identity.subject, version: 1 });
      await em.flush(); // the webhook first: its secret references it
      await em.execute('insert into notifications.webhook_secret (tenant_id, webhook_id, secret) values (?, ?, ?)', [tenant, id, secret]);
      return w;
    });
    return { id: row.id, url: row.url, events: row.events as Webhook['events'], active: row.active, createdAt: row.createdAt, createdBy: row.createdBy };
  }

  /** Admins: stop (or resume) deliveries to a webhook; deliveries already pending are still tried. */
  async setActive(ctx: Ctx, id: string, active: boolean): Promise<Webhook | null> {
    ctx.authorize('notifications.webhooks');
    const tenant = ctx.requireTenant();
    if (!isUuid(id)) return null;
    const row = await ctx.write('setWebhookActive', async (em) => {
      const w = await em.findOne(WebhookEntity, { tenantId: tenant, id: id.toLowerCase() });
      if (!w) return null;
      if (w.active !== active) {
        w.active = active;
        w.version += 1;
      }
      return w;
    });
    return row && { id: row.id, url: row.url, events: row.events as Webhook['events'], active: row.active, createdAt: row.createdAt, createdBy: row.createdBy };
  }

  async list(ctx: Ctx, page: PageArgs<keyof typeof WebhookOrdering.Field>) {
    ctx.authorize('notifications.webhooks');
    const tenant = ctx.requireTenant();
    const em = await ctx.em();
    return keysetPage(em, {
      list: 'select w.id, w.url, w.events, w.active, w.created_at, w.created_by from notifications.webhook w where w.tenant_id = ?',
      params: [tenant],
      order: WebhookOrdering.resolve(page.orderBy),
      page,
      toNode: toWebhook,
    });
  }

  async deliveries(
    ctx: Ctx,
    filter: { webhookId?: string | null; status?: WebhookDeliveryStatus | null },
    page: PageArgs<keyof typeof WebhookDeliveryOrdering.Field>,
  ) {
    ctx.authorize('notifications.webhooks');
    const tenant = ctx.requireTenant();
    const em = await ctx.em();
    const where: string[] = ['d.tenant_id = ?'];
    const params: unknown[] = [tenant];
    if (filter.webhookId != null) {
      where.push('d.webhook_id = ?::uuid');
      params.push(isUuid(filter.webhookId) ? filter.webhookId.toLowerCase() : '00000000-0000-0000-0000-000000000000');
    }
    if (filter.status != null) {
      where.push('d.status = ?');
      params.push(filter.status);
    }
    return keysetPage(em, {
      list: `select d.id, d.webhook_id, d.event, d.status, d.attempts, d.last_status, d.last_error, d.next_attempt_at, d.delivered_at, d.created_at, d.body
               from notifications.webhook_delivery d where ${where.join(' and ')}`,
      params,
      order: WebhookDeliveryOrdering.resolve(page.orderBy),
      page,
      toNode: toDelivery,
    });
  }
}

export const webhooksService = new WebhooksService();
