import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, TenantRef } from '@kn/platform';
import { ReportStatus } from '../common/enums.js';
import { LocalizedText, ProgramRef } from '../common/stubs.js';
import { GradeCount } from '../evaluations/types.js';
import { CriteriaSet } from '../measurements/types.js';

/** The programs subgraph's `Target`, referenced. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Target')
export class TargetRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A figure against a programme’s target (from the programs subgraph), read as the target says.' })
export class TargetComparisonResult {
  @Field(() => TargetRef) target!: TargetRef;
  @Field(() => ProgramRef) program!: ProgramRef;
  @Field(() => String, { description: 'The programme’s code, e.g. "LS-NTM-2019".' }) programCode!: string;
  @Field(() => String, { description: 'AT_LEAST, AT_MOST, EXACTLY, ABOUT or BETWEEN.' }) comparison!: string;
  @Field(() => DecimalScalar) value!: string;
  @Field(() => DecimalScalar, { nullable: true }) valueMax!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The whole it is counted out of (“61/207 xã”: 207).' }) outOf!: string | null;
  @Field(() => DecimalScalar, { description: 'The figure it is compared with.' }) actual!: string;
  @Field(() => DecimalScalar, { description: 'actual − value, exact.' }) difference!: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Met, for AT_LEAST, AT_MOST and BETWEEN; null for a planned figure (EXACTLY) or an approximate one (ABOUT).',
  })
  met!: boolean | null;
  @Field(() => String, { nullable: true, description: 'The document’s words.' }) note!: string | null;
}

@ObjectType()
export class NtmCount {
  @Field(() => Int) criteriaMet!: number;
  @Field(() => Int) communes!: number;
}

@ObjectType({ description: 'Communes meeting from `from` to `to` criteria, against the NTM plan’s distribution target.' })
export class NtmBand {
  @Field(() => String) label!: string;
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
  @Field(() => Int) communes!: number;
  @Field(() => TargetComparisonResult, { nullable: true }) target!: TargetComparisonResult | null;
}

@ObjectType()
export class NtmCriterionCount {
  @Field(() => Int) number!: number;
  @Field(() => LocalizedText) name!: LocalizedText;
  @Field(() => Int, { description: 'Communes meeting it.' }) communesMet!: number;
  @Field(() => TargetComparisonResult, { nullable: true }) target!: TargetComparisonResult | null;
}

@ObjectType({
  description:
    'New rural development in the year: the communes measured, how many criteria they meet, against the NTM plan’s ' +
    'targets for that year (targets of the indicators NTM_COMMUNES_<a>_<b>_CRITERIA, NTM_C<nn>, NTM_STANDARD_COMMUNES, ' +
    'NTM_AVERAGE_CRITERIA, province-wide, asked of the programs subgraph).',
})
export class NtmDashboard {
  @Field(() => CriteriaSet, { nullable: true, description: 'The criteria set most of the year’s figures use.' }) criteriaSet!: CriteriaSet | null;
  @Field(() => Int) communesMeasured!: number;
  @Field(() => Int, { nullable: true, description: 'The communes the plan counts (“N/207 xã”: 207), when its targets say.' })
  communesPlanned!: number | null;
  @Field(() => LocalizedText, {
    nullable: true,
    description: 'What the platform does not know, said plainly: when it measures fewer communes than the plan counts.',
  })
  coverageNote!: LocalizedText | null;
  @Field(() => Int, { description: 'Communes recognised as meeting the NTM standard.' }) certifiedCommunes!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Average criteria met per commune, rounded half up to 2 places.' })
  averageCriteriaMet!: string | null;
  @Field(() => [NtmCount], { description: 'Communes per number of criteria met.' }) distribution!: NtmCount[];
  @Field(() => [NtmBand], { description: 'The plan’s bands of the year (none when the year has no distribution target).' })
  bands!: NtmBand[];
  @Field(() => [NtmCriterionCount]) criteria!: NtmCriterionCount[];
  @Field(() => TargetComparisonResult, { nullable: true }) certifiedTarget!: TargetComparisonResult | null;
  @Field(() => TargetComparisonResult, { nullable: true }) averageTarget!: TargetComparisonResult | null;
}

@ObjectType({
  description:
    'The poverty rate’s average yearly reduction from the year before a period target’s first year (or the earliest measured year since) to this year, ' +
    'against that target. Before the period ends it is progress, not a verdict.',
})
export class PovertyAverage {
  @Field(() => Int, { description: 'The year it is counted from: the year before the period, or the earliest measured year after it.' }) since!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'The rate of `since`.' }) sinceRate!: string | null;
  @Field(() => Int, { description: 'Years averaged over (this year − since).' }) years!: number;
  @Field(() => DecimalScalar, { description: 'Percentage points per year, exact from the counts (2 places, half up).' }) reductionPerYear!: string;
  @Field(() => Int) periodStart!: number;
  @Field(() => Int) periodEnd!: number;
  @Field(() => Boolean, { description: 'True only at or after the period’s end and counted from the year before it: the figure the target is judged on.' })
  final!: boolean;
  @Field(() => TargetComparisonResult, { nullable: true, description: 'The average against the period target.' }) target!: TargetComparisonResult | null;
  @Field(() => LocalizedText, { description: 'What was averaged, in words.' }) note!: LocalizedText;
}

@ObjectType({
  description:
    'The poverty rate of the communes measured in the year and the year before, against the target reduction (indicator ' +
    'POVERTY_RATE_REDUCTION, percentage points, e.g. −3 %/year of plan 165/KH-UBND).',
})
export class PovertyDashboard {
  @Field(() => Int) communesMeasured!: number;
  @Field(() => Int) households!: number;
  @Field(() => Int) poorHouseholds!: number;
  @Field(() => Int) nearPoorHouseholds!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Poor households per 100 households (2 places, half up).' }) rate!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) nearPoorRate!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The rate of the year before.' }) previousRate!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Percentage points down from the year before (previousRate − rate).' })
  reduction!: string | null;
  @Field(() => TargetComparisonResult, {
    nullable: true,
    description: 'The reduction against a target of this year (a one-year or yearly target); null when the target is an average over a period (see `average`).',
  })
  target!: TargetComparisonResult | null;
  @Field(() => PovertyAverage, {
    nullable: true,
    description: 'The average reduction so far against a target judged as an average over its period (165/KH-UBND: “bình quân 3%/năm” 2016–2020).',
  })
  average!: PovertyAverage | null;
}

@ObjectType()
export class ReportStatusCount {
  @Field(() => ReportStatus) status!: ReportStatus;
  @Field(() => Int) count!: number;
}

@Directive('@key(fields: "year")')
@ObjectType({
  description:
    'Your province’s figures of a year in one request. Each subgraph answers the fields of the data it owns — the ' +
    'communes subgraph the border communes, the sponsors subgraph money, households helped, models and twinning coverage, ' +
    'this one grades, reports, NTM criteria and poverty — and the gateway asks them in parallel.',
})
export class ProvinceDashboard {
  @Field(() => Int) year!: number;
  @Field(() => DateScalar, { description: 'The day report statuses are derived against (default today).' }) asOf!: string;
  @Field(() => [GradeCount], { description: 'Grades of the evaluations in force (approved, else draft) of the year, every programme.' })
  gradeDistribution!: GradeCount[];
  @Field(() => Int, { description: 'Reports on periods of the year not submitted and past due on `asOf`.' }) overdueReports!: number;
  @Field(() => [ReportStatusCount], { description: 'Reports on periods of the year, by status on `asOf`.' }) reports!: ReportStatusCount[];
  @Field(() => NtmDashboard, { nullable: true, description: 'Null when no commune was measured that year.' }) ntm!: NtmDashboard | null;
  @Field(() => PovertyDashboard, { nullable: true, description: 'Null when no commune was measured that year.' }) poverty!: PovertyDashboard | null;
}

@Directive('@key(fields: "tenant { slug } year")')
@ObjectType({
  description:
    'A province’s totals of a year, for side-by-side comparison: aggregates only, never a row of detail. Money, households, ' +
    'models and coverage come from the sponsors subgraph, border communes from the communes subgraph.',
})
export class TenantTotals {
  @Field(() => TenantRef) tenant!: TenantRef;
  @Field(() => Int) year!: number;
  @Field(() => [GradeCount], { description: 'Grades of the evaluations in force of the year.' }) gradeDistribution!: GradeCount[];
  @Field(() => Int, { description: 'Reports on periods of the year past due and not submitted today.' }) overdueReports!: number;
}
