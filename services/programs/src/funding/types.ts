import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { VndScalar } from '@kn/platform';
import { FundingSource } from '../common/enums.js';

@ObjectType({ description: 'One line of a programme’s funding plan.' })
export class FundingLine {
  @Field(() => ID) id!: string;
  @Field(() => FundingSource) source!: FundingSource;
  @Field(() => VndScalar, { description: 'Exact amount in đồng.' }) amount!: bigint;
  @Field(() => Int, { nullable: true, description: 'The year it is planned for, when the plan says.' }) year!: number | null;
  @Field(() => String, { nullable: true, description: 'The document’s wording, quoted.' }) note!: string | null;
  @Field(() => Int) version!: number;
}

@InputType({ description: 'A funding line’s fields; an update replaces them all.' })
export class FundingLineInput {
  @Field(() => FundingSource) source!: FundingSource;
  @Field(() => VndScalar, { description: 'A whole number of đồng, ≥ 0.' }) amount!: bigint;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
