import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, Provenance } from '@kn/platform';
import { EvaluationOutcome, EvaluationStatus, Grade } from '../common/enums.js';
import { LocalizedText, ProgramRef, SponsorRef } from '../common/stubs.js';
import { RuleSet } from '../rules/types.js';

@ObjectType({ description: 'One rule against one sponsor: the exact target, the actual figure, met or not, and why.' })
export class RuleResult {
  @Field(() => String) code!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => DecimalScalar, { description: 'Exact, scaled where the rule says so: 25 staff × 2 per 10 = "5"; 23 staff: "4.6".' })
  target!: string;
  @Field(() => DecimalScalar) actual!: string;
  @Field(() => Boolean) met!: boolean;
  @Field(() => Boolean, { description: 'A gate: failing it caps the grade.' }) gate!: boolean;
  @Field(() => Boolean, { description: 'Failing it puts the sponsor out of the rating (NOT_CONSIDERED).' }) excludes!: boolean;
  @Field(() => LocalizedText, { description: 'The figures and the verdict in words, in Vietnamese and in English.' })
  explanation!: LocalizedText;
  @Field(() => Provenance, { nullable: true, description: 'Where the rule applied comes from (the document’s words, a reading, a setting).' })
  provenance!: Provenance | null;
}

@ObjectType({ description: 'An approver’s choice among the grades an evaluation is eligible for, with the reason (audited).' })
export class GradeDecision {
  @Field(() => Grade) grade!: Grade;
  @Field(() => String) reason!: string;
  @Field(() => String) decidedBy!: string;
  @Field(() => String, { description: 'ISO 8601.' }) decidedAt!: string;
}

@ObjectType({ description: 'A fact the rules read, as it was when the evaluation was computed (kept with it).' })
export class FactValue {
  @Field(() => String) name!: string;
  @Field(() => DecimalScalar) value!: string;
}

@ObjectType()
export class GradeCount {
  @Field(() => Grade) grade!: Grade;
  @Field(() => Int) count!: number;
}

@ObjectType({
  description:
    'A sponsor rated for a programme’s year by the province’s rule set: every applicable rule’s target, actual and ' +
    'explanation, then the grade. APPROVED evaluations are frozen with the rule-set version they used.',
})
export class SponsorEvaluation {
  @Field(() => ID, { nullable: true, description: 'Null for a preview.' }) id!: string | null;
  @Field(() => SponsorRef) sponsor!: SponsorRef;
  @Field(() => ProgramRef) program!: ProgramRef;
  @Field(() => Int) year!: number;
  @Field(() => Grade, {
    nullable: true,
    description: 'The grade in force: the approver’s choice (CHOICE_REQUIRED, once chosen) or the engine’s (GRADED); null otherwise.',
  })
  grade!: Grade | null;
  @Field(() => EvaluationOutcome, { description: 'What the engine decided; NOT_CONSIDERED is its own outcome, never a grade.' })
  outcome!: EvaluationOutcome;
  @Field(() => [Grade], { description: 'For CHOICE_REQUIRED: the grades the approver chooses from (xuất sắc, tốt).' })
  eligibleGrades!: Grade[];
  @Field(() => [String], { description: 'Failed excluding rules (NOT_CONSIDERED).' }) excludedBy!: string[];
  @Field(() => GradeDecision, { nullable: true, description: 'The approver’s choice, when one was made.' }) decision!: GradeDecision | null;
  @Field(() => EvaluationStatus) status!: EvaluationStatus;
  @Field(() => Int) ruleSetVersion!: number;
  @Field(() => [RuleResult]) rules!: RuleResult[];
  @Field(() => [String], { description: 'Failed gates that capped the grade.' }) cappedBy!: string[];
  @Field(() => LocalizedText) summary!: LocalizedText;
  @Field(() => [FactValue], { description: 'The facts the rules read (booleans as 0/1, money in đồng).' }) facts!: FactValue[];
  @Field(() => Int, { nullable: true, description: 'Staff count used by per-10-staff rules.' }) staffCount!: number | null;
  @Field(() => Int, { description: 'Communes twinned in the year, used by per-commune rules.' }) twinnedCommunes!: number;
  @Field(() => DateScalar, { description: 'The day the facts were read.' }) factsAsOf!: string;
}

@ObjectType({ description: 'One computation of a programme’s year: a DRAFT until an admin approves it; then frozen.' })
export class EvaluationRun {
  @Field(() => ID) id!: string;
  @Field(() => ProgramRef) program!: ProgramRef;
  @Field(() => Int) year!: number;
  @Field(() => EvaluationStatus) status!: EvaluationStatus;
  @Field(() => Int) ruleSetVersion!: number;
  @Field(() => RuleSet) ruleSet!: RuleSet;
  @Field(() => DateScalar) factsAsOf!: string;
  @Field(() => String, { description: 'When it was computed (ISO 8601).' }) computedAt!: string;
  @Field(() => String) computedBy!: string;
  @Field(() => String, { nullable: true }) approvedAt!: string | null;
  @Field(() => String, { nullable: true }) approvedBy!: string | null;
  @Field(() => [SponsorEvaluation], { description: 'By sponsor id.' }) evaluations!: SponsorEvaluation[];
  @Field(() => [GradeCount], { description: 'Every grade, best first, with its count.' }) gradeDistribution!: GradeCount[];
}
