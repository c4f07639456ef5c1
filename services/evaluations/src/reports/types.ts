import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CommuneClassification, DateScalar, defineOrdering, OrderDirection, Provenance } from '@kn/platform';
import { Periodicity, ReporterKind, ReporterSelection, ReportKind, ReportStatus } from '../common/enums.js';
import { CommuneRef, DistrictRef, LocalizedText, ProgramRef, SponsorRef } from '../common/stubs.js';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A report a programme asks for: kind, reporter, period, due date (computed from the province’s calendar rule when it ' +
    'was scheduled) and when it came in. Its status is derived against a day, never stored.',
})
export class Report {
  @Field(() => ID) id!: string;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field(() => ProgramRef) program!: ProgramRef;
  @Field(() => ReporterKind) reporterKind!: ReporterKind;
  @Field(() => ID, { description: 'The id of the sponsor, district or commune that owes it.' }) reporterId!: string;
  @Field(() => SponsorRef, { nullable: true, description: 'When a sponsor owes it.' }) sponsor!: SponsorRef | null;
  @Field(() => DistrictRef, { nullable: true, description: 'When a district owes it.' }) district!: DistrictRef | null;
  @Field(() => CommuneRef, { nullable: true, description: 'When a commune owes it.' }) commune!: CommuneRef | null;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
  @Field(() => String, { description: '"2024", "2024-H1", "2024-Q3".' }) period!: string;
  @Field(() => DateScalar) dueOn!: string;
  @Field(() => DateScalar, { nullable: true }) submittedOn!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int, { description: 'Give it back when recording a submission (optimistic locking).' }) version!: number;
}

@InputType({ description: 'Which reports to list. Every criterion narrows the list.' })
export class ReportFilter {
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => ReportKind, { nullable: true }) kind?: ReportKind | null;
  @Field(() => ReporterKind, { nullable: true }) reporterKind?: ReporterKind | null;
  @Field(() => ID, { nullable: true }) reporterId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Reports on periods starting in this year.' }) year?: number | null;
  @Field(() => ReportStatus, { nullable: true, description: 'Status on `asOf`.' }) status?: ReportStatus | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day statuses are derived against; default today (Vietnam).' })
  asOf?: string | null;
}

@InputType()
export class RecordReportSubmissionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read.' }) version!: number;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day it came in; default today. A sponsor records its own report as of today only; never a future day.',
  })
  submittedOn?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType({
  description:
    'A calendar rule of the province (data): which reports a programme asks for, from whom, for which periods, due when.',
})
export class ReportCalendarRule {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => ProgramRef) program!: ProgramRef;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field(() => ReporterKind) reporterKind!: ReporterKind;
  @Field(() => ReporterSelection) reporters!: ReporterSelection;
  @Field(() => CommuneClassification, { nullable: true }) classification!: CommuneClassification | null;
  @Field(() => [ID]) reporterIds!: string[];
  @Field(() => Periodicity) periodicity!: Periodicity;
  @Field(() => Int, { nullable: true, description: 'A fixed due day: month…' }) dueMonth!: number | null;
  @Field(() => Int, { nullable: true, description: '…and day (of the period’s year, plus `dueYearOffset`).' }) dueDay!: number | null;
  @Field(() => Int) dueYearOffset!: number;
  @Field(() => Int, { nullable: true, description: 'Or: due this many days after the period ends.' }) dueDaysAfterPeriod!: number | null;
  @Field(() => Int) firstYear!: number;
  @Field(() => Int, { nullable: true }) lastYear!: number | null;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => String, { description: 'The document’s words.' }) source!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day of the document that creates the duty: no report of the rule falls due before it.',
  })
  effectiveFrom!: string | null;
  @Field(() => Provenance, {
    nullable: true,
    description: 'Where the rule comes from; a due day the document does not give is an INTERPRETATION the province may change.',
  })
  provenance!: Provenance | null;
  @Field(() => Int) version!: number;
}

@InputType({ description: 'A calendar rule, created or replaced by its code (give `version` to replace).' })
export class ReportCalendarRuleInput {
  @Field(() => String) code!: string;
  @Field(() => ID) programId!: string;
  @Field(() => ReportKind) kind!: ReportKind;
  @Field(() => ReporterKind) reporterKind!: ReporterKind;
  @Field(() => ReporterSelection) reporters!: ReporterSelection;
  @Field(() => CommuneClassification, { nullable: true }) classification?: CommuneClassification | null;
  @Field(() => [ID], { nullable: true }) reporterIds?: string[] | null;
  @Field(() => Periodicity) periodicity!: Periodicity;
  @Field(() => Int, { nullable: true }) dueMonth?: number | null;
  @Field(() => Int, { nullable: true }) dueDay?: number | null;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) dueYearOffset?: number;
  @Field(() => Int, { nullable: true }) dueDaysAfterPeriod?: number | null;
  @Field(() => Int) firstYear!: number;
  @Field(() => Int, { nullable: true }) lastYear?: number | null;
  @Field(() => String) titleVi!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String) source!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day of the document that creates the duty (nothing falls due before it).' })
  effectiveFrom?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version you read, to replace an existing rule.' }) version?: number | null;
}

@ObjectType({ description: 'What `scheduleReports` did.' })
export class ScheduledReports {
  @Field(() => Int, { description: 'Reports created now (those already scheduled are kept as they are).' }) created!: number;
  @Field(() => [Report], { description: 'Every report of the programme for periods starting in the year.' }) reports!: unknown[];
}

/** What `reports` and `overdue` can be sorted by; by due date by default. */
export const ReportOrdering = defineOrdering('Report', {
  list: 'reports',
  fields: {
    DUE_ON: { column: 'due_on', cast: 'date', description: 'The due date.' },
    PERIOD_START: { column: 'period_start', cast: 'date', description: 'The first day of the period reported on.' },
    SUBMITTED_ON: { column: 'submitted_on', cast: 'date', nullable: true, description: 'The day it came in (not yet: last ascending).' },
    KIND: { column: 'kind', description: 'The kind of report (its enum value).' },
  },
  default: [{ field: 'DUE_ON', direction: OrderDirection.ASC }],
});
export const ReportOrder = ReportOrdering.Order;
