import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST } from '@kn/platform';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { webhooksService as webhooks } from './service.js';
import { RegisterWebhookInput, Webhook, WebhookDelivery, WebhookDeliveryOrder, WebhookDeliveryStatus, WebhookOrder } from './types.js';

export const WebhookConnection = ConnectionType('Webhook', Webhook);
export const WebhookDeliveryConnection = ConnectionType('WebhookDelivery', WebhookDelivery);

@Resolver(() => Webhook)
export class WebhookResolver {
  @Mutation(() => Webhook, { description: 'Admins: register a partner system’s webhook for some events. The secret signs every delivery and is never shown again. Audited.' })
  registerWebhook(@Ctx() ctx: C, @Arg('input', () => RegisterWebhookInput) input: RegisterWebhookInput) {
    return webhooks.register(ctx, input);
  }

  @Mutation(() => Webhook, { nullable: true, description: 'Admins: stop or resume deliveries to a webhook (null: no such webhook). Audited.' })
  setWebhookActive(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('active', () => Boolean) active: boolean) {
    return webhooks.setActive(ctx, id, active);
  }

  @Query(() => WebhookConnection, { description: 'Admins: your province’s webhooks, newest first.' })
  webhooks(
    @Ctx() ctx: C,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [WebhookOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof WebhookOrder>[],
  ) {
    return webhooks.list(ctx, { first, after, last, before, orderBy });
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Admins: deliveries to your webhooks (e.g. `status: FAILED`: given up), newest first.' })
  webhookDeliveries(
    @Ctx() ctx: C,
    @Arg('webhookId', () => ID, { nullable: true }) webhookId?: string,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [WebhookDeliveryOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof WebhookDeliveryOrder>[],
  ) {
    return webhooks.deliveries(ctx, { webhookId, status }, { first, after, last, before, orderBy });
  }
}
