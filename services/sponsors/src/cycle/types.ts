import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, defineOrdering, OrderDirection, Provenance, VndScalar } from '@kn/platform';
import { ContributionCategory, CycleStep, Timeliness } from '../common/enums.js';

@ObjectType({ description: "A deadline of the yearly cycle in your province (day and month, every year). Data, not code." })
export class CycleDeadline {
  @Field(() => CycleStep) step!: CycleStep;
  @Field(() => Int) month!: number;
  @Field(() => Int) day!: number;
  @Field(() => String, { nullable: true, description: 'The document that sets it.' }) source!: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day from which it binds (the day of the document that creates it); a year’s deadline before it is no deadline.',
  })
  effectiveFrom!: string | null;
  @Field(() => Provenance, { nullable: true, description: 'Where the deadline comes from.' }) provenance!: Provenance | null;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class NeedsItem {
  @Field(() => ContributionCategory) category!: ContributionCategory;
  @Field(() => String) description!: string;
  @Field(() => VndScalar) estimatedCostVnd!: bigint;
}

@ObjectType({ description: "The commune's needs for a year of a twinning (đề xuất nhu cầu), flagged against the deadline." })
export class NeedsProposal {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field(() => DateScalar) submittedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: "Your province's deadline when it was recorded." })
  deadline!: string | null;
  @Field(() => Timeliness) timeliness!: Timeliness;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class PlanItem {
  @Field(() => String, { description: 'Nội dung' }) content!: string;
  @Field(() => String, { nullable: true, description: 'Địa điểm' }) place!: string | null;
  @Field(() => String, { nullable: true, description: 'Đối tượng hưởng lợi' }) beneficiaries!: string | null;
  @Field(() => VndScalar, { description: 'Kinh phí' }) fundingVnd!: bigint;
  @Field(() => String, { nullable: true, description: 'Tiến độ' }) schedule!: string | null;
}

@ObjectType({ description: 'The plan both sides sign for a year of a twinning, flagged against the deadline.' })
export class YearlyPlan {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field(() => DateScalar) signedOn!: string;
  @Field(() => DateScalar, { nullable: true }) deadline!: string | null;
  @Field(() => Timeliness) timeliness!: Timeliness;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int) version!: number;
}

@InputType()
export class NeedsItemInput {
  @Field(() => ContributionCategory) category!: ContributionCategory;
  @Field(() => String) description!: string;
  @Field(() => VndScalar, { nullable: true, defaultValue: 0n }) estimatedCostVnd?: bigint;
}

@InputType()
export class PlanItemInput {
  @Field(() => String) content!: string;
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => String, { nullable: true }) beneficiaries?: string | null;
  @Field(() => VndScalar, { nullable: true, defaultValue: 0n }) fundingVnd?: bigint;
  @Field(() => String, { nullable: true }) schedule?: string | null;
}

@InputType()
export class SubmitNeedsProposalInput {
  @Field(() => ID) twinningId!: string;
  @Field(() => Int) year!: number;
  @Field(() => DateScalar) submittedOn!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [NeedsItemInput]) items!: NeedsItemInput[];
}

@InputType({ description: 'Fields left out stay; `items`, when given, replace the list.' })
export class UpdateNeedsProposalInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => DateScalar, { nullable: true }) submittedOn?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [NeedsItemInput], { nullable: true }) items?: NeedsItemInput[] | null;
}

@InputType()
export class SignYearlyPlanInput {
  @Field(() => ID) twinningId!: string;
  @Field(() => Int) year!: number;
  @Field(() => DateScalar) signedOn!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [PlanItemInput]) items!: PlanItemInput[];
}

@InputType({ description: 'Fields left out stay; `items`, when given, replace the list.' })
export class UpdateYearlyPlanInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => DateScalar, { nullable: true }) signedOn?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [PlanItemInput], { nullable: true }) items?: PlanItemInput[] | null;
}

@InputType({ description: 'Which needs proposals or plans to list.' })
export class CycleFilter {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => ID, { nullable: true }) sponsorId?: string | null;
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => ID, { nullable: true }) twinningId?: string | null;
  @Field(() => Timeliness, { nullable: true }) timeliness?: Timeliness | null;
}

/** What `needsProposals` can be sorted by; newest year first by default. */
export const NeedsProposalOrdering = defineOrdering('NeedsProposal', {
  list: 'needsProposals',
  fields: {
    YEAR: { column: 'year', cast: 'int', description: 'The year proposed for.' },
    SUBMITTED_ON: { column: 'submitted_on', cast: 'date', description: 'The day it was submitted.' },
    DEADLINE: { column: 'deadline', cast: 'date', nullable: true, description: 'The province’s deadline when it was recorded (none: last ascending).' },
  },
  default: [{ field: 'YEAR', direction: OrderDirection.DESC }],
});
export const NeedsProposalOrder = NeedsProposalOrdering.Order;

/** What `yearlyPlans` can be sorted by; newest year first by default. */
export const YearlyPlanOrdering = defineOrdering('YearlyPlan', {
  list: 'yearlyPlans',
  fields: {
    YEAR: { column: 'year', cast: 'int', description: 'The year planned.' },
    SIGNED_ON: { column: 'signed_on', cast: 'date', description: 'The day it was signed.' },
    DEADLINE: { column: 'deadline', cast: 'date', nullable: true, description: 'The province’s deadline when it was recorded (none: last ascending).' },
  },
  default: [{ field: 'YEAR', direction: OrderDirection.DESC }],
});
export const YearlyPlanOrder = YearlyPlanOrdering.Order;
