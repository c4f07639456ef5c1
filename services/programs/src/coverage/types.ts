import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The communes subgraph's `Commune`, extended here with the programmes that cover it. This
 * subgraph stores only commune ids; every other field comes from the communes subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Commune {
  @Field(() => ID) id!: string;
}
