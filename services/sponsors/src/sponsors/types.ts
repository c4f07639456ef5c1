import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { defineOrdering, OrderDirection, VIETNAMESE_COLLATION } from '@kn/platform';
import { SponsorKind } from '../common/enums.js';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A unit that twins with communes: a provincial department (with its staff count), a district, an enterprise, an armed-forces unit…',
})
export class Sponsor {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Short code, unique in the province (e.g. "QN-SKHDT").' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => SponsorKind) kind!: SponsorKind;
  @Field(() => Int, { nullable: true, description: 'Biên chế (staff count): per-10-staff targets use it.' })
  staffCount!: number | null;
  @Field(() => Boolean, { description: 'A lowland district (huyện đồng bằng). Only sponsors of kind DISTRICT.' })
  lowland!: boolean;
  @Field(() => Boolean, { description: 'Inside the province (trong tỉnh) or from outside it.' }) insideProvince!: boolean;
  @Field(() => Int, { description: 'Give it back when updating (optimistic locking).' }) version!: number;
}

@ObjectType({ description: 'Whom to call at the sponsor.' })
export class SponsorContact {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@InputType({ description: 'Which sponsors to list. Every criterion narrows the list.' })
export class SponsorFilter {
  @Field(() => SponsorKind, { nullable: true }) kind?: SponsorKind | null;
  @Field(() => String, { nullable: true, description: 'Part of the name or code; case and diacritics ignored.' })
  search?: string | null;
  @Field(() => Boolean, { nullable: true }) lowland?: boolean | null;
  @Field(() => Boolean, { nullable: true }) insideProvince?: boolean | null;
}

@InputType()
export class CreateSponsorInput {
  @Field(() => String, { description: 'Letters, digits, ".", "_" or "-"; unique in the province.' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => SponsorKind) kind!: SponsorKind;
  @Field(() => Int, { nullable: true }) staffCount?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) lowland?: boolean;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) insideProvince?: boolean;
  @Field(() => ID, { nullable: true, description: 'For a DISTRICT sponsor: the district unit (communes subgraph).' })
  districtId?: string | null;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => String, { nullable: true }) contactEmail?: string | null;
}

@InputType({ description: 'Fields left out stay as they are; `null` clears an optional field.' })
export class UpdateSponsorInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read.' }) version!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => SponsorKind, { nullable: true }) kind?: SponsorKind | null;
  @Field(() => Int, { nullable: true }) staffCount?: number | null;
  @Field(() => Boolean, { nullable: true }) lowland?: boolean | null;
  @Field(() => Boolean, { nullable: true }) insideProvince?: boolean | null;
  @Field(() => ID, { nullable: true }) districtId?: string | null;
  @Field(() => String, { nullable: true }) contactName?: string | null;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => String, { nullable: true }) contactEmail?: string | null;
}

/** What `sponsors` can be sorted by; by code by default. */
export const SponsorOrdering = defineOrdering('Sponsor', {
  list: 'sponsors',
  fields: {
    CODE: { column: 'code', description: 'The sponsor’s code.' },
    NAME: { column: 'name', collate: VIETNAMESE_COLLATION, description: 'The name, in Vietnamese dictionary order (Đ after D; ă, â after a).' },
    KIND: { column: 'kind', description: 'The kind of sponsor (its enum value).' },
    STAFF_COUNT: { column: 'staff_count', cast: 'int', nullable: true, description: 'Staff (none recorded: last ascending).' },
  },
  default: [{ field: 'CODE', direction: OrderDirection.ASC }],
});
export const SponsorOrder = SponsorOrdering.Order;
