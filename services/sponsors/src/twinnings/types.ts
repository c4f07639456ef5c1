import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, defineOrdering, OrderDirection, VIETNAMESE_COLLATION } from '@kn/platform';
import { TwinningStatus } from '../common/enums.js';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A sponsor twinned with a commune (kết nghĩa) under a programme, for a period. A twinning signed with a commune ' +
    'that the 2025 reform merged stays valid: `commune` is the commune it was signed with, `currentCommune` the one ' +
    'that succeeded it.',
})
export class Twinning {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Short code, unique in the province ("Mã kết nghĩa" in spreadsheets).' }) code!: string;
  @Field(() => DateScalar, { nullable: true }) signedOn!: string | null;
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Null: open-ended.' }) endsOn!: string | null;
  @Field(() => TwinningStatus) status!: TwinningStatus;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int) version!: number;
}

@InputType({ description: 'Which twinnings to list. Every criterion narrows the list.' })
export class TwinningFilter {
  @Field(() => ID, { nullable: true }) sponsorId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'A commune; a commune created on 1/7/2025 also lists its predecessors’ twinnings that continue in it.',
  })
  communeId?: string | null;
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => TwinningStatus, { nullable: true }) status?: TwinningStatus | null;
  @Field(() => Int, { nullable: true, description: 'Active in this year (ACTIVE or ENDED, period overlapping it).' })
  activeIn?: number | null;
}

@InputType()
export class CreateTwinningInput {
  @Field(() => String, { nullable: true, description: 'Default: "<sponsor code>-<commune code>-<start year>".' })
  code?: string | null;
  @Field(() => ID) sponsorId!: string;
  @Field(() => ID, { description: 'A commune of your province (communes subgraph).' }) communeId!: string;
  @Field(() => ID, { description: 'The programme (programs subgraph) the twinning implements.' }) programId!: string;
  @Field(() => DateScalar, { nullable: true }) signedOn?: string | null;
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar, { nullable: true }) endsOn?: string | null;
  @Field(() => TwinningStatus, { nullable: true, defaultValue: TwinningStatus.ACTIVE }) status?: TwinningStatus;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'For a commune split on 1/7/2025: which of its successors the twinning continues in.',
  })
  successorCommuneId?: string | null;
}

@InputType({ description: 'Sponsor, commune and programme never change (a different pairing is a new twinning).' })
export class UpdateTwinningInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => TwinningStatus, { nullable: true }) status?: TwinningStatus | null;
  @Field(() => DateScalar, { nullable: true }) signedOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) endsOn?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => ID, { nullable: true }) successorCommuneId?: string | null;
}

/** What `twinnings` can be sorted by; by code by default. */
export const TwinningOrdering = defineOrdering('Twinning', {
  list: 'twinnings',
  fields: {
    CODE: { column: 'code', description: 'The twinning’s code.' },
    SPONSOR_NAME: { column: 'sponsor_name', collate: VIETNAMESE_COLLATION, nullable: true, description: 'The sponsor’s name, in Vietnamese dictionary order.' },
    SIGNED_ON: { column: 'signed_on', cast: 'date', nullable: true, description: 'The day it was signed (none recorded: last ascending).' },
    STARTS_ON: { column: 'starts_on', cast: 'date', description: 'The first day of its period.' },
    ENDS_ON: { column: 'ends_on', cast: 'date', nullable: true, description: 'The last day of its period (open-ended: last ascending).' },
  },
  default: [{ field: 'CODE', direction: OrderDirection.ASC }],
});
export const TwinningOrder = TwinningOrdering.Order;
