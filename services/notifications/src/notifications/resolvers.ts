import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST } from '@kn/platform';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { notificationsService as notifications } from './service.js';
import { Notification, NotificationOrder, NotificationSettings } from './types.js';

export const NotificationConnection = ConnectionType('Notification', Notification);

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description: 'What you must act on (submitted for your review, returned, accepted, deadlines near or passed), newest first.',
  })
  notifications(
    @Ctx() ctx: C,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, description: 'Only those you have not marked read.' }) unreadOnly: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [NotificationOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof NotificationOrder>[],
  ) {
    return notifications.list(ctx, unreadOnly, { first, after, last, before, orderBy });
  }

  @Query(() => Notification, { nullable: true, description: 'One notification addressed to you; null for any other id.' })
  notification(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return notifications.byId(ctx, id);
  }

  @Mutation(() => Int, { description: 'Mark notifications read for you (the ids, at most 500, or `all: true`). Returns how many were newly marked. Audited.' })
  markNotificationsRead(
    @Ctx() ctx: C,
    @Arg('ids', () => [ID], { nullable: true }) ids?: string[],
    @Arg('all', () => Boolean, { nullable: true }) all?: boolean,
  ) {
    return notifications.markRead(ctx, ids, all);
  }

  @Query(() => NotificationSettings, { description: 'How your province is reminded of its deadlines.' })
  notificationSettings(@Ctx() ctx: C) {
    return notifications.settings(ctx);
  }

  @Mutation(() => NotificationSettings, { description: 'Admins: the days before a deadline on which reminders go out (each reminder at most once). Give the version read (0 before the first). Audited.' })
  setReminderDays(
    @Ctx() ctx: C,
    @Arg('days', () => [Int]) days: number[],
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ) {
    return notifications.setReminderDays(ctx, days, version);
  }
}
