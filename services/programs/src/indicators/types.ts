import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { defineOrdering, OrderDirection, VIETNAMESE_COLLATION } from '@kn/platform';
import { IndicatorUnit } from '../common/enums.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An entry of the province’s indicator catalogue: what a target measures.' })
export class Indicator {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Unique in the province, e.g. "NTM_C02".' }) code!: string;
  @Field(() => String, { description: 'Name in Vietnamese.' }) name!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => IndicatorUnit) unit!: IndicatorUnit;
  @Field(() => Boolean, { nullable: true, description: 'Whether more is better; null when neither is (a band of a distribution).' })
  higherIsBetter!: boolean | null;
  @Field(() => Int) version!: number;
}

@InputType({ description: 'An indicator’s fields (the code is given once, at creation); an update replaces them all.' })
export class IndicatorInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => IndicatorUnit, { description: 'Cannot change once targets use the indicator.' }) unit!: IndicatorUnit;
  @Field(() => Boolean, { nullable: true }) higherIsBetter?: boolean | null;
}

/** What `indicators` can be sorted by; by code by default. */
export const IndicatorOrdering = defineOrdering('Indicator', {
  list: 'indicators',
  fields: {
    CODE: { column: 'code', description: 'The indicator’s code (POVERTY_RATE).' },
    NAME: { column: 'name', collate: VIETNAMESE_COLLATION, description: 'The Vietnamese name, in Vietnamese dictionary order.' },
  },
  default: [{ field: 'CODE', direction: OrderDirection.ASC }],
});
export const IndicatorOrder = IndicatorOrdering.Order;
