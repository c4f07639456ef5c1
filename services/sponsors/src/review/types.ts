import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateScalar, ReviewChainStepInput } from '@kn/platform';

/** The items of this subgraph that move along a reporting chain. */
export enum CycleReviewKind {
  NEEDS_PROPOSAL = 'NEEDS_PROPOSAL',
  YEARLY_PLAN = 'YEARLY_PLAN',
}
registerEnumType(CycleReviewKind, { name: 'CycleReviewKind', description: 'A needs proposal or a yearly plan.' });

/** What `auditTrail` can follow in this subgraph. */
export enum AuditEntity {
  NEEDS_PROPOSAL = 'NEEDS_PROPOSAL',
  YEARLY_PLAN = 'YEARLY_PLAN',
  TWINNING = 'TWINNING',
  CONTRIBUTION = 'CONTRIBUTION',
  SPONSOR = 'SPONSOR',
  /** A report: the evaluations subgraph's, asked of it as the caller. */
  REPORT = 'REPORT',
}
registerEnumType(AuditEntity, { name: 'AuditEntity', description: 'An audited entity `auditTrail` can follow.' });

@InputType({ description: 'The chain of one kind of item of a programme from `validFrom`: replaces the steps set for that day.' })
export class CycleReviewChainInput {
  @Field(() => ID) programId!: string;
  @Field(() => CycleReviewKind) kind!: CycleReviewKind;
  @Field(() => DateScalar, { nullable: true }) validFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) validUntil?: string | null;
  @Field(() => [ReviewChainStepInput], { description: 'In order: who sends first, who accepts last. Empty: remove.' }) steps!: ReviewChainStepInput[];
  @Field(() => String, { description: 'What the chain rests on (a document, a decision of the province).' }) source!: string;
}
