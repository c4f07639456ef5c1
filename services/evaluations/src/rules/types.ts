import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, Provenance } from '@kn/platform';
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
  @Field(() => Boolean, { description: 'A failed gate caps the grade at `gateCap`.' }) gate!: boolean;
  @Field(() => Boolean, { description: 'A failed excluding rule puts the sponsor out of the rating (NOT_CONSIDERED, no grade).' })
  excludes!: boolean;
  @Field(() => Provenance, { nullable: true }) provenance!: Provenance | null;
}

@ObjectType({ description: 'The grades proposed, for a person to choose from, when every applicable rule is met.' })
export class TopChoice {
  @Field(() => [String]) grades!: string[];
  @Field(() => Boolean, { description: 'Only when a quantified rule is among those met: yes/no paperwork alone never reaches it.' })
  requiresQuantified!: boolean;
  @Field(() => Provenance, { nullable: true }) provenance!: Provenance | null;
}

@ObjectType({ description: 'A requirement of the document the data cannot check: the approver judges it.' })
export class JudgedRequirement {
  @Field(() => String) code!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => Provenance, { nullable: true }) provenance!: Provenance | null;
}

@ObjectType()
export class GradeBand {
  @Field(() => String) grade!: string;
  @Field(() => String, { description: 'Minimum share of applicable rules met, exact ("0.75").' }) minShareMet!: string;
  @Field(() => String, { nullable: true, description: 'Every quantified rule exceeded by this factor ("1.5").' }) minMargin!: string | null;
  @Field(() => Provenance, { nullable: true, description: 'A threshold the document does not give is a PROVINCE_SETTING.' })
  provenance!: Provenance | null;
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
  @Field(() => TopChoice, { nullable: true, description: 'Every rule met → these grades proposed, a person chooses.' }) top!: TopChoice | null;
  @Field(() => [JudgedRequirement]) judgedByApprover!: JudgedRequirement[];
  @Field(() => Boolean, {
    description: 'True only when every rule and band is the document’s words (DOCUMENT): only then is the set “transcribed”.',
  })
  transcribed!: boolean;
  @Field(() => Provenance, { description: 'Where the set as a whole comes from (derived from its parts when not stated).' })
  provenance!: Provenance;
  @Field(() => String, { description: 'The whole definition as JSON text (what `publishRuleSet` takes).' }) definition!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) createdBy!: string;
  @Field(() => DateScalar, { description: 'The day it was published.' }) publishedOn!: string;
}
