import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The province a programme belongs to: the communes subgraph's `Tenant`, named by its slug. */
@Directive('@key(fields: "slug", resolvable: false)')
@ObjectType()
export class Tenant {
  @Field(() => ID) slug!: string;
}
