import { defineOrdering, OrderDirection, OUTBOX_EVENTS, Provenance } from '@kn/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The events of the outbox (`OUTBOX_EVENTS` in @kn/platform), as the graph names them. */
export const NotificationEvent = Object.fromEntries(OUTBOX_EVENTS.map((e) => [e, e])) as { [K in (typeof OUTBOX_EVENTS)[number]]: K };
export type NotificationEvent = (typeof OUTBOX_EVENTS)[number];
registerEnumType(NotificationEvent, {
  name: 'NotificationEvent',
  description: 'What happened that someone must act on.',
  valuesConfig: {
    SUBMITTED: { description: 'Submitted for your review or approval (a report, a needs proposal, a yearly plan, an evaluation draft).' },
    RETURNED: { description: 'Returned to its author with a reason.' },
    ACCEPTED: { description: 'Accepted or approved: final.' },
    DEADLINE_APPROACHING: { description: 'A deadline in N days (the province’s reminder setting); `payload.daysBefore` says which.' },
    DEADLINE_OVERDUE: { description: 'A deadline passed with nothing submitted.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Something you must act on, as the platform told you (delivered by the worker from the owning subgraph’s outbox).' })
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => NotificationEvent) event!: NotificationEvent;
  @Field(() => String, { description: 'The GraphQL type of what it is about (`Report`, `NeedsProposal`, `YearlyPlan`, `EvaluationRun`, `Twinning`).' })
  subjectType!: string;
  @Field(() => ID, { description: 'The id of what it is about (look it up in its own list).' }) subjectId!: string;
  @Field(() => String, { description: 'The event’s details as JSON text (ids, year, due date, days left…), the same body webhooks receive.' })
  payload!: string;
  @Field(() => String, { description: 'The subgraph that recorded the change.' }) source!: string;
  @Field(() => Date, { description: 'When the change was committed.' }) occurredAt!: Date;
  @Field(() => Boolean, { description: 'You marked it read.' }) read!: boolean;
}

export const NotificationOrdering = defineOrdering('Notification', {
  list: 'notifications',
  fields: {
    OCCURRED_AT: { column: 'occurred_at', cast: 'timestamptz', description: 'When the change was committed.' },
  },
  default: [{ field: 'OCCURRED_AT', direction: OrderDirection.DESC }],
});
export const NotificationOrder = NotificationOrdering.Order;

@ObjectType({ description: 'How the province is reminded of its deadlines.' })
export class NotificationSettings {
  @Field(() => [Int], { description: 'Days before a deadline on which a DEADLINE_APPROACHING reminder is sent (each at most once).' })
  reminderDaysBefore!: number[];
  @Field(() => Provenance, { description: 'Where the setting comes from (PROVINCE_SETTING: the documents give no such number).' })
  provenance!: Provenance;
  @Field(() => Int) version!: number;
}
