import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, defineOrdering, OrderDirection, VIETNAMESE_COLLATION, VndScalar } from '@kn/platform';
import { ContributionCategory, ContributionStatus, ModelKind, SponsorKind } from '../common/enums.js';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'What a sponsor gave or did under a twinning. A VERIFIED contribution is final: it is corrected by a reversal ' +
    '(a new record with the negated figures, linked to it), never edited.',
})
export class Contribution {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) contributedOn!: string;
  @Field(() => ContributionCategory) category!: ContributionCategory;
  @Field(() => String) description!: string;
  @Field(() => VndScalar, { description: 'Tiền mặt, đồng (negative only on a reversal).' }) cashVnd!: bigint;
  @Field(() => VndScalar, { description: 'Giá trị hiện vật, đồng.' }) inKindVnd!: bigint;
  @Field(() => Int, { description: 'Hộ nghèo được giúp đỡ.' }) poorHouseholdsHelped!: number;
  @Field(() => Int, { description: 'Mô hình xây dựng hoặc nhân rộng.' }) modelsBuilt!: number;
  @Field(() => ModelKind, { nullable: true }) modelKind!: ModelKind | null;
  @Field(() => Int) peopleTrained!: number;
  @Field(() => Int) beneficiaries!: number;
  @Field(() => ContributionStatus) status!: ContributionStatus;
  @Field(() => String, { nullable: true, description: 'On a reversal: why.' }) reversalReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The import it came from, if any.' }) importBatchId!: string | null;
  @Field(() => Int) version!: number;
}

@InputType()
export class RecordContributionInput {
  @Field(() => ID) twinningId!: string;
  @Field(() => DateScalar, { description: "Within the twinning's period." }) contributedOn!: string;
  @Field(() => ContributionCategory) category!: ContributionCategory;
  @Field(() => String) description!: string;
  @Field(() => VndScalar, { nullable: true, defaultValue: 0n, description: 'Whole đồng, not negative.' }) cashVnd?: bigint;
  @Field(() => VndScalar, { nullable: true, defaultValue: 0n }) inKindVnd?: bigint;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) poorHouseholdsHelped?: number;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) modelsBuilt?: number;
  @Field(() => ModelKind, { nullable: true, description: 'Required when modelsBuilt > 0.' }) modelKind?: ModelKind | null;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) peopleTrained?: number;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) beneficiaries?: number;
  @Field(() => ContributionStatus, {
    nullable: true,
    defaultValue: ContributionStatus.DONE,
    description: 'PLANNED or DONE; VERIFIED only for officers and admins.',
  })
  status?: ContributionStatus;
}

@InputType({ description: 'A PLANNED or DONE contribution; fields left out stay as they are.' })
export class UpdateContributionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => DateScalar, { nullable: true }) contributedOn?: string | null;
  @Field(() => ContributionCategory, { nullable: true }) category?: ContributionCategory | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => VndScalar, { nullable: true }) cashVnd?: bigint | null;
  @Field(() => VndScalar, { nullable: true }) inKindVnd?: bigint | null;
  @Field(() => Int, { nullable: true }) poorHouseholdsHelped?: number | null;
  @Field(() => Int, { nullable: true }) modelsBuilt?: number | null;
  @Field(() => ModelKind, { nullable: true }) modelKind?: ModelKind | null;
  @Field(() => Int, { nullable: true }) peopleTrained?: number | null;
  @Field(() => Int, { nullable: true }) beneficiaries?: number | null;
  @Field(() => ContributionStatus, { nullable: true, description: 'PLANNED or DONE (verify with verifyContribution).' })
  status?: ContributionStatus | null;
}

@InputType()
export class ReverseContributionInput {
  @Field(() => ID, { description: 'A VERIFIED contribution.' }) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { description: 'Why it is reversed (kept on the reversal and in the audit).' }) reason!: string;
  @Field(() => RecordContributionInput, {
    nullable: true,
    description: 'The corrected record, on the same twinning, written in the same operation.',
  })
  replacement?: RecordContributionInput | null;
}

@ObjectType()
export class ContributionReversal {
  @Field(() => Contribution, { description: 'Unchanged.' }) original!: unknown;
  @Field(() => Contribution, { description: 'The negating record, linked to the original.' }) reversal!: unknown;
  @Field(() => Contribution, { nullable: true }) replacement!: unknown;
}

@InputType({ description: 'Which contributions to count or list. Every criterion narrows.' })
export class ContributionFilter {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) yearTo?: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'Contributed on or after this day (e.g. the first day of a half-year).' })
  contributedFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Contributed on or before this day.' })
  contributedTo?: string | null;
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => SponsorKind, { nullable: true }) sponsorKind?: SponsorKind | null;
  @Field(() => ContributionCategory, { nullable: true }) category?: ContributionCategory | null;
  @Field(() => String, {
    nullable: true,
    description:
      'A pre-reform district code: contributions to its communes (and to the new communes all of whose predecessors lay in it).',
  })
  districtCode?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'A commune; a commune created on 1/7/2025 also counts its predecessors’ figures (rolled up).',
  })
  communeId?: string | null;
  @Field(() => ID, { nullable: true }) sponsorId?: string | null;
  @Field(() => [ContributionStatus], {
    nullable: true,
    description: 'Default: DONE and VERIFIED for totals, every status for lists.',
  })
  statuses?: ContributionStatus[] | null;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Group COMMUNE by the communes valid on this date: a contribution to a commune replaced before it counts under its successor. Default: the commune the twinning names.',
  })
  communesAsOf?: string | null;
}

export enum ContributionGroupBy {
  YEAR = 'YEAR',
  CATEGORY = 'CATEGORY',
  SPONSOR_KIND = 'SPONSOR_KIND',
  SPONSOR = 'SPONSOR',
  COMMUNE = 'COMMUNE',
  DISTRICT = 'DISTRICT',
  TENANT = 'TENANT',
}
registerEnumType(ContributionGroupBy, {
  name: 'ContributionGroupBy',
  valuesConfig: {
    DISTRICT: {
      description:
        'The pre-reform district of the commune the twinning names (a 2024 contribution to an old commune counts under its old district).',
    },
    COMMUNE: { description: 'The commune the twinning names, or its successor on `filter.communesAsOf`.' },
    TENANT: { description: 'The province (useful to the national role).' },
  },
});

@ObjectType({ description: 'The values a group shares; null for dimensions not grouped by.' })
export class ContributionGroupKey {
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => ContributionCategory, { nullable: true }) category!: string | null;
  @Field(() => SponsorKind, { nullable: true }) sponsorKind!: string | null;
  @Field(() => ID, { nullable: true }) sponsorId!: string | null;
  @Field(() => ID, { nullable: true }) communeId!: string | null;
  @Field(() => String, { nullable: true, description: 'Null also when a new commune has no single pre-reform district.' })
  districtCode!: string | null;
  @Field(() => String, { nullable: true }) tenant!: string | null;
}

@ObjectType({ description: 'Totals of one group of contributions, computed by PostgreSQL in one statement.' })
export class ContributionGroup {
  @Field(() => ContributionGroupKey) key!: ContributionGroupKey;
  @Field(() => VndScalar) cashVnd!: bigint;
  @Field(() => VndScalar) inKindVnd!: bigint;
  @Field(() => VndScalar) totalVnd!: bigint;
  @Field(() => Int) poorHouseholdsHelped!: number;
  @Field(() => Int) modelsBuilt!: number;
  @Field(() => Int) peopleTrained!: number;
  @Field(() => Int) beneficiaries!: number;
  @Field(() => Int, { description: 'Contributions counted; a reversal cancels the one it reverses.' }) count!: number;
}

/** What `contributions` can be sorted by; newest first by default. */
export const ContributionOrdering = defineOrdering('Contribution', {
  list: 'contributions',
  fields: {
    CONTRIBUTED_ON: { column: 'contributed_on', cast: 'date', description: 'The day of the contribution.' },
    SPONSOR_NAME: { column: 'sponsor_name', collate: VIETNAMESE_COLLATION, nullable: true, description: 'The sponsor’s name, in Vietnamese dictionary order.' },
    CASH_VND: { column: 'cash_vnd', cast: 'bigint', description: 'Cash, đồng.' },
    IN_KIND_VND: { column: 'in_kind_vnd', cast: 'bigint', description: 'In kind, đồng.' },
    TOTAL_VND: { column: 'total_vnd', cast: 'bigint', description: 'Cash plus in kind, đồng.' },
    POOR_HOUSEHOLDS_HELPED: { column: 'poor_households_helped', cast: 'int', description: 'Poor households helped.' },
    BENEFICIARIES: { column: 'beneficiaries', cast: 'int', description: 'Beneficiaries.' },
    RECORDED_AT: { column: 'created_at', cast: 'timestamptz', description: 'When it was recorded.' },
  },
  default: [{ field: 'CONTRIBUTED_ON', direction: OrderDirection.DESC }],
});
export const ContributionOrder = ContributionOrdering.Order;
