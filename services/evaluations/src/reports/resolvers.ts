import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, DateScalar, ORDER_BY, PAGE_BEFORE, PAGE_LAST, todayInVietnam } from '@kn/platform';
import { ReportStatus } from '../common/enums.js';
import type { Ctx as C } from '../loaders.js';
import { periodLabel, statusOn } from './calendar.js';
import type { CalendarRuleRow, ReportRow } from './rows.js';
import { reportsService as reports } from './service.js';
import { RecordReportSubmissionInput, Report, ReportCalendarRule, ReportCalendarRuleInput, ReportFilter, ReportOrder, ScheduledReports } from './types.js';

export const ReportConnection = ConnectionType('Report', Report);

@Resolver(() => Report)
export class ReportResolver {
  @Query(() => ReportConnection, { description: 'Reports of your province by due date unless `orderBy` says otherwise, a page at a time (first ≤ 500).' })
  reports(
    @Ctx() ctx: C,
    @Arg('filter', () => ReportFilter, { nullable: true }) filter?: ReportFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [ReportOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof ReportOrder>[],
  ) {
    return reports.list(ctx, filter, { first, after, last, before, orderBy });
  }

  @Query(() => Report, { nullable: true })
  report(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return reports.get(ctx, id);
  }

  @Query(() => ReportConnection, {
    description: 'Reports not submitted by `asOf` whose due date had passed (status OVERDUE that day), by due date.',
  })
  overdue(
    @Ctx() ctx: C,
    @Arg('asOf', () => DateScalar) asOf: string,
    @Arg('programId', () => ID, { nullable: true }) programId?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [ReportOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof ReportOrder>[],
  ) {
    return reports.overdue(ctx, asOf, programId, { first, after, last, before, orderBy });
  }

  @Mutation(() => Report, {
    description: 'Records that a report came in (staff: any day up to today; a sponsor: its own report, today). Audited.',
  })
  recordReportSubmission(@Ctx() ctx: C, @Arg('input', () => RecordReportSubmissionInput) input: RecordReportSubmissionInput) {
    return reports.recordSubmission(ctx, input);
  }

  @Mutation(() => ScheduledReports, {
    description:
      'Officers and admins: creates the reports a programme expects for the periods of `year`, from the calendar rules. ' +
      'Reports already scheduled are kept as they are. Audited when it creates any.',
  })
  scheduleReports(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('year', () => Int) year: number) {
    return reports.schedule(ctx, programId, year);
  }

  @FieldResolver(() => ReportStatus, { description: 'Status on `asOf` (default: the day the list was asked for, else today).' })
  status(@Root() r: ReportRow, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return statusOn(r.dueOn, r.submittedOn, asOf ?? r.asOf ?? todayInVietnam());
  }

  @FieldResolver()
  period(@Root() r: ReportRow) {
    return periodLabel(r.periodStart, r.periodEnd);
  }

  @FieldResolver()
  program(@Root() r: ReportRow) {
    return { id: r.programId };
  }

  @FieldResolver()
  sponsor(@Root() r: ReportRow) {
    return r.reporterKind === 'SPONSOR' ? { id: r.reporterId } : null;
  }

  @FieldResolver()
  district(@Root() r: ReportRow) {
    return r.reporterKind === 'DISTRICT' ? { id: r.reporterId } : null;
  }

  @FieldResolver()
  commune(@Root() r: ReportRow) {
    return r.reporterKind === 'COMMUNE' ? { id: r.reporterId } : null;
  }
}

@Resolver(() => ReportCalendarRule)
export class CalendarRuleResolver {
  @Query(() => [ReportCalendarRule], { description: 'Your province’s calendar rules of reports (of one programme).' })
  reportCalendarRules(@Ctx() ctx: C, @Arg('programId', () => ID, { nullable: true }) programId?: string) {
    return reports.calendarRules(ctx, programId);
  }

  @Mutation(() => ReportCalendarRule, {
    description: 'Admins: creates a calendar rule, or replaces the one with its code. Reports already scheduled keep their due dates. Audited.',
  })
  setReportCalendarRule(@Ctx() ctx: C, @Arg('input', () => ReportCalendarRuleInput) input: ReportCalendarRuleInput) {
    return reports.setCalendarRule(ctx, input);
  }

  @FieldResolver()
  program(@Root() r: CalendarRuleRow) {
    return { id: r.programId };
  }

  @FieldResolver()
  title(@Root() r: CalendarRuleRow) {
    return { vi: r.titleVi, en: r.titleEn };
  }
}
