import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, ReviewChainStep, ReviewComment, ReviewStatus, ReviewTransition, ReviewVersion } from '@kn/platform';
import type { Ctx as C } from '../loaders.js';
import type { CycleDocRow } from '../cycle/rows.js';
import { NeedsProposal, YearlyPlan } from '../cycle/types.js';
import { cycleReviewService as review } from './service.js';
import { AuditEntity, CycleReviewChainInput } from './types.js';

const REASON = 'Why it goes back (at least 10 characters): the sender reads it.';

/** The chain's fields of a needs proposal or a plan (docs/WORKFLOW.md). */
function chainFields(of: () => Function) {
  @Resolver(of)
  class ChainFields {
    @FieldResolver(() => ReviewStatus, { description: 'Where it is in the reporting chain.' })
    status(@Root() d: CycleDocRow) {
      return d.status;
    }

    @FieldResolver(() => [ReviewTransition], { description: 'Every transition, oldest first: who, when, from, to, why.' })
    history(@Root() d: CycleDocRow, @Ctx() ctx: C) {
      return ctx.loaders.review.historyOf.load(d.id);
    }

    @FieldResolver(() => [ReviewComment], { description: 'Comments of both sides, oldest first.' })
    comments(@Root() d: CycleDocRow, @Ctx() ctx: C) {
      return ctx.loaders.review.commentsOf.load(d.id);
    }

    @FieldResolver(() => [ReviewVersion], { description: 'What each submission sent (a returned item keeps its earlier versions).' })
    versions(@Root() d: CycleDocRow, @Ctx() ctx: C) {
      return ctx.loaders.review.versionsOf.load(d.id);
    }
  }
  return ChainFields;
}

export const NeedsProposalChainResolver = chainFields(() => NeedsProposal);
export const YearlyPlanChainResolver = chainFields(() => YearlyPlan);

@Resolver()
export class CycleReviewResolver {
  @Query(() => [ReviewChainStep], { description: 'The reporting chains of needs proposals and plans, per programme (data; none: the province alone).' })
  cycleReviewChains(@Ctx() ctx: C, @Arg('programId', () => ID, { nullable: true }) programId?: string) {
    return review.chains(ctx, programId);
  }

  @Mutation(() => [ReviewChainStep], { description: 'Admins: set the chain of one kind of document of a programme from a day. Audited.' })
  setCycleReviewChain(@Ctx() ctx: C, @Arg('input', () => CycleReviewChainInput) input: CycleReviewChainInput) {
    return review.setChain(ctx, input);
  }

  @Query(() => [AuditEntry], { description: 'Staff: every audited change of an entity of this subgraph, oldest first (empty when you cannot see it).' })
  auditTrail(@Ctx() ctx: C, @Arg('entity', () => AuditEntity) entity: AuditEntity, @Arg('id', () => ID) id: string) {
    return review.auditTrail(ctx, entity, id);
  }

  @Mutation(() => NeedsProposal, { description: 'Send a RETURNED needs proposal again (keeps the first submission’s day for timeliness). Audited.' })
  resubmitNeedsProposal(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return review.act(ctx, 'NEEDS_PROPOSAL', id, version, 'SUBMIT');
  }

  @Mutation(() => NeedsProposal, { description: 'Return a SUBMITTED needs proposal to its sender, with the reason. Audited.' })
  returnNeedsProposal(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String, { description: REASON }) reason: string,
  ) {
    return review.act(ctx, 'NEEDS_PROPOSAL', id, version, 'RETURN', reason);
  }

  @Mutation(() => NeedsProposal, { description: 'Accept a SUBMITTED needs proposal (the level that accepts). Audited.' })
  acceptNeedsProposal(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return review.act(ctx, 'NEEDS_PROPOSAL', id, version, 'ACCEPT');
  }

  @Mutation(() => ReviewComment, { description: 'Comment on a needs proposal; both sides see it. Audited.' })
  addNeedsProposalComment(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('text', () => String) text: string) {
    return review.comment(ctx, 'NEEDS_PROPOSAL', id, text);
  }

  @Mutation(() => YearlyPlan, { description: 'Send a RETURNED plan again (keeps the first submission’s day for timeliness). Audited.' })
  resubmitYearlyPlan(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return review.act(ctx, 'YEARLY_PLAN', id, version, 'SUBMIT');
  }

  @Mutation(() => YearlyPlan, { description: 'Return a SUBMITTED plan to its senders, with the reason. Audited.' })
  returnYearlyPlan(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String, { description: REASON }) reason: string,
  ) {
    return review.act(ctx, 'YEARLY_PLAN', id, version, 'RETURN', reason);
  }

  @Mutation(() => YearlyPlan, { description: 'Accept a SUBMITTED plan (the level that accepts). Audited.' })
  acceptYearlyPlan(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return review.act(ctx, 'YEARLY_PLAN', id, version, 'ACCEPT');
  }

  @Mutation(() => ReviewComment, { description: 'Comment on a plan; both sides see it. Audited.' })
  addYearlyPlanComment(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('text', () => String) text: string) {
    return review.comment(ctx, 'YEARLY_PLAN', id, text);
  }
}
