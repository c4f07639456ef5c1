import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Tenant } from '../units/types.js';

/**
 * The evaluations subgraph's dashboard of a province's year, extended here with what this subgraph
 * owns: the border communes. The gateway asks for it in parallel with the other subgraphs' fields.
 */
@Directive('@key(fields: "year")')
@ObjectType('ProvinceDashboard')
export class ProvinceDashboardRef {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'Border communes (classification BORDER) as they stood on 31/12 of the year.' })
  borderCommunes!: number;
}

@Directive('@key(fields: "tenant { slug } year")')
@ObjectType('TenantTotals')
export class TenantTotalsRef {
  @Field(() => Tenant) tenant!: Tenant;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'Border communes (classification BORDER) as they stood on 31/12 of the year.' })
  borderCommunes!: number;
}
