import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VndScalar } from '@kn/platform';
import { SponsorKind } from '../common/enums.js';
import { Sponsor } from '../sponsors/types.js';

@ObjectType({
  description:
    'What a sponsor did for a programme in a year, as recorded here: the facts other subgraphs (evaluations) rate. ' +
    'Contributions count when DONE or VERIFIED (a reversal cancels the one it reverses); twinnings when active in the year.',
})
export class SponsorFacts {
  @Field(() => ID) sponsorId!: string;
  @Field(() => Sponsor, { nullable: true }) sponsor!: Sponsor | null;
  @Field(() => String) code!: string;
  @Field(() => SponsorKind) kind!: string;
  @Field(() => Boolean) lowland!: boolean;
  @Field(() => Int, { nullable: true }) staffCount!: number | null;
  @Field(() => ID, { nullable: true, description: 'For a DISTRICT sponsor: its district (communes subgraph id).' }) districtId!: string | null;
  @Field(() => Int, { description: 'Twinnings of the programme active in the year.' }) twinnings!: number;
  @Field(() => Int, { description: 'Distinct communes of those twinnings.' }) twinnedCommunes!: number;
  @Field(() => VndScalar) cashVnd!: bigint;
  @Field(() => VndScalar) inKindVnd!: bigint;
  @Field(() => VndScalar) totalVnd!: bigint;
  @Field(() => Int) poorHouseholdsHelped!: number;
  @Field(() => Int) modelsBuilt!: number;
  @Field(() => Int) peopleTrained!: number;
  @Field(() => Int, { description: 'Contributions counted (a reversal cancels the one it reverses).' }) contributions!: number;
  @Field(() => Int, { description: 'Active twinnings with a signed plan for the year.' }) plansSigned!: number;
  @Field(() => Int) plansSignedOnTime!: number;
  @Field(() => Int) plansSignedLate!: number;
  @Field(() => Int, { description: 'Active twinnings whose commune sent its needs proposal for the year.' }) needsProposals!: number;
  @Field(() => Int) needsProposalsLate!: number;
  @Field(() => Boolean, { description: 'Every active twinning has a signed plan for the year (and there is at least one).' })
  planSigned!: boolean;
  @Field(() => Boolean, { description: 'planSigned, and none signed after the province’s deadline (no deadline: on time).' })
  planSignedOnTime!: boolean;
  @Field(() => Boolean, { description: 'Every active twinning has the year’s needs proposal, none after the deadline.' })
  needsProposalOnTime!: boolean;
}
