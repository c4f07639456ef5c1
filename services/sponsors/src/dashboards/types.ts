import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { TenantRef, VndScalar } from '@kn/platform';
import { ContributionGroup } from '../contributions/types.js';
import { CommuneRef } from '../geography/types.js';

/**
 * The evaluations subgraph's dashboard of a province's year, extended here with the figures this
 * subgraph owns: money, households helped, models, twinning coverage. The gateway asks for them in
 * parallel with the other subgraphs' fields.
 */
@Directive('@key(fields: "year")')
@ObjectType('ProvinceDashboard')
export class ProvinceDashboardRef {
  @Field(() => Int) year!: number;
  @Field(() => VndScalar, { description: 'Cash + in kind given in the year (DONE and VERIFIED contributions, every programme).' })
  totalVnd!: bigint;
  @Field(() => VndScalar) cashVnd!: bigint;
  @Field(() => VndScalar) inKindVnd!: bigint;
  @Field(() => Int) poorHouseholdsHelped!: number;
  @Field(() => Int) modelsBuilt!: number;
  @Field(() => Int) peopleTrained!: number;
  @Field(() => Int, { description: 'Contributions counted (a reversal cancels the one it reverses).' }) contributions!: number;
  @Field(() => [ContributionGroup], { description: 'Money and figures by category (key.category).' }) moneyByCategory!: unknown[];
  @Field(() => [ContributionGroup], {
    description: 'By district (key.districtCode): a contribution counts under the district of its twinning’s commune.',
  })
  moneyByDistrict!: unknown[];
  @Field(() => [ContributionGroup], { description: 'By sponsor kind (key.sponsorKind).' }) moneyBySponsorKind!: unknown[];
  @Field(() => Int, { description: 'Border communes as they stood on 31/12 of the year with a twinning active that year.' })
  borderCommunesWithTwinning!: number;
  @Field(() => [CommuneRef], { description: 'Border communes as they stood on 31/12 of the year with none.' })
  borderCommunesWithoutTwinning!: CommuneRef[];
}

@Directive('@key(fields: "tenant { slug } year")')
@ObjectType('TenantTotals')
export class TenantTotalsRef {
  @Field(() => TenantRef) tenant!: TenantRef;
  @Field(() => Int) year!: number;
  @Field(() => VndScalar) totalVnd!: bigint;
  @Field(() => VndScalar) cashVnd!: bigint;
  @Field(() => VndScalar) inKindVnd!: bigint;
  @Field(() => Int) poorHouseholdsHelped!: number;
  @Field(() => Int) modelsBuilt!: number;
  @Field(() => Int) contributions!: number;
  @Field(() => Int, { description: 'Border communes (31/12 of the year) with a twinning active that year.' })
  borderCommunesWithTwinning!: number;
}
