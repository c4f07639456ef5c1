import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { VndScalar } from '@kn/platform';

/**
 * The communes subgraph's `Commune`, extended here with `twinnings` and `sponsorship`.
 * Only its key lives in this subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Commune')
export class CommuneRef {
  @Field(() => ID) id!: string;
}

/**
 * The programs subgraph's `Program`, extended here with `twinnings`. A twinning names its programme
 * by id (`seedIds.program(tenant, code)` for seeded ones); the programs subgraph owns the rest.
 */
@Directive('@key(fields: "id")')
@ObjectType('Program')
export class ProgramRef {
  @Field(() => ID) id!: string;
}

/** The communes subgraph's `District`, referenced (a district sponsor is a district). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('District')
export class DistrictRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'What sponsors did for a commune in a year (its predecessors’ twinnings rolled up into it).' })
export class CommuneSponsorship {
  @Field(() => Int, { description: 'Twinnings active in the year.' }) activeTwinnings!: number;
  @Field(() => VndScalar, { description: 'Cash + in kind, DONE and VERIFIED contributions.' }) totalVnd!: bigint | string;
  @Field(() => VndScalar) cashVnd!: bigint | string;
  @Field(() => VndScalar) inKindVnd!: bigint | string;
  @Field(() => Int) poorHouseholdsHelped!: number;
  @Field(() => Int) modelsBuilt!: number;
  @Field(() => Int) peopleTrained!: number;
  @Field(() => Int, { description: 'Contributions counted (a reversal cancels the one it reverses).' }) contributions!: number;
}
