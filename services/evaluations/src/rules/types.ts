import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@kn/platform';
import { LocalizedText, ProgramRef } from '../common/stubs.js';

@ObjectType({ description: 'Which sponsors a rule applies to.' })
export class RuleScope {
  @Field(() => [String], { description: 'Sponsor kinds (the sponsors subgraph’s `SponsorKind` values).' }) kinds!: string[];
  @Field(() => Boolean, { nullable: true, description: 'Only lowland districts (true), only others (false), or any (null).' })
  lowland!: boolean | null;
}

@ObjectType({ description: 'One rule of a rule set, as data: a fact compared with a threshold, maybe scaled.' })
export class RuleDefinition {
  @Field(() => String) code!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => String, { description: 'Where the rule comes from, quoted.' }) source!: string;
  @Field(() => RuleScope) appliesTo!: RuleScope;
  @Field(() => String, { description: 'The fact compared, e.g. "poorHouseholdsHelped".' }) fact!: string;
  @Field(() => String, { description: '">=", ">", "=", "<=" or "<".' }) comparison!: string;
  @Field(() => String, { description: 'Exact decimal threshold, e.g. "2" or "200000000".' }) threshold!: string;
  @Field(() => String, { nullable: true, description: '"STAFF_10" (per 10 staff), "TWINNED_COMMUNE" (per twinned commune) or null.' })
  per!: string | null;
  @Field(() => Boolean, { description: 'A failed gate caps the grade (e.g. no signed plan: at most WEAK).' }) gate!: boolean;
}

@ObjectType()
export class GradeBand {
  @Field(() => String) grade!: string;
  @Field(() => String, { description: 'Minimum share of applicable rules met, exact ("0.75").' }) minShareMet!: string;
  @Field(() => String, { nullable: true, description: 'Every quantified rule exceeded by this factor ("1.5").' }) minMargin!: string | null;
}

@ObjectType({
  description:
    'A version of a province’s rating rules for a programme, stored as data (JSON validated by the rule language). ' +
    'Versions are never changed: publishing makes a new one; an evaluation keeps the version it used.',
})
export class RuleSet {
  @Field(() => ID) id!: string;
  @Field(() => ProgramRef) program!: ProgramRef;
  @Field(() => Int) version!: number;
  @Field(() => String) code!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => [RuleDefinition]) rules!: RuleDefinition[];
  @Field(() => [GradeBand], { description: 'From the best grade down; the first band reached wins.' }) bands!: GradeBand[];
  @Field(() => String, { description: 'The grade a failed gate caps the result at.' }) gateCap!: string;
  @Field(() => String, { description: 'The whole definition as JSON text (what `publishRuleSet` takes).' }) definition!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) createdBy!: string;
  @Field(() => DateScalar, { description: 'The day it was published.' }) publishedOn!: string;
}
