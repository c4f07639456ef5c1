import { defineOrdering, OrderDirection } from '@kn/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NotificationEvent } from '../notifications/types.js';

@ObjectType({ description: 'A partner system’s webhook: events of the province are POSTed there, signed (HMAC-SHA256) with its secret.' })
export class Webhook {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [NotificationEvent]) events!: NotificationEvent[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String) createdBy!: string;
}

@InputType()
export class RegisterWebhookInput {
  @Field(() => String, { description: 'http(s) URL that receives the POSTs.' }) url!: string;
  @Field(() => [NotificationEvent], { description: 'The events it receives (at least one).' }) events!: NotificationEvent[];
  @Field(() => String, {
    description: 'The shared secret (16–200 characters): each delivery carries `X-KN-Signature-256: sha256=<hex HMAC-SHA256 of the body>`. Never shown again.',
  })
  secret!: string;
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Not yet answered 2xx; retried with exponential backoff.' },
    DELIVERED: { description: 'The receiver answered 2xx: never sent again.' },
    FAILED: { description: 'Given up after the last attempt.' },
  },
});

@ObjectType({ description: 'One event to one webhook: its attempts and outcome.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Sent as `X-KN-Delivery`: the same on every attempt, so a receiver can deduplicate.' }) id!: string;
  @Field(() => ID) webhookId!: string;
  @Field(() => NotificationEvent) event!: NotificationEvent;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer (none: no answer, see lastError).' }) lastStatus!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING).' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { description: 'The body POSTed (JSON text).' }) body!: string;
}

export const WebhookOrdering = defineOrdering('Webhook', {
  list: 'webhooks',
  fields: { CREATED_AT: { column: 'created_at', cast: 'timestamptz', description: 'When it was registered.' } },
  default: [{ field: 'CREATED_AT', direction: OrderDirection.DESC }],
});
export const WebhookOrder = WebhookOrdering.Order;

export const WebhookDeliveryOrdering = defineOrdering('WebhookDelivery', {
  list: 'webhookDeliveries',
  fields: {
    CREATED_AT: { column: 'created_at', cast: 'timestamptz', description: 'When the event reached the webhook.' },
    ATTEMPTS: { column: 'attempts', cast: 'int', description: 'How many times it was sent.' },
  },
  default: [{ field: 'CREATED_AT', direction: OrderDirection.DESC }],
});
export const WebhookDeliveryOrder = WebhookDeliveryOrdering.Order;
