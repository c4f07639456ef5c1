import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, DateScalar, ORDER_BY, PAGE_BEFORE, PAGE_LAST } from '@kn/platform';
import type { Ctx as C } from '../loaders.js';
import { CycleStep, Timeliness } from '../common/enums.js';
import { Twinning } from '../twinnings/types.js';
import { timelinessName } from './deadlines.js';
import type { CycleDocRow } from './rows.js';
import { cycleService as cycle } from './service.js';
import {
  CycleDeadline,
  CycleFilter,
  NeedsItem,
  NeedsProposal,
  NeedsProposalOrder,
  PlanItem,
  SignYearlyPlanInput,
  SubmitNeedsProposalInput,
  UpdateNeedsProposalInput,
  UpdateYearlyPlanInput,
  YearlyPlan,
  YearlyPlanOrder,
} from './types.js';

export const NeedsProposalConnection = ConnectionType('NeedsProposal', NeedsProposal);
export const YearlyPlanConnection = ConnectionType('YearlyPlan', YearlyPlan);

@Resolver(() => CycleDeadline)
export class CycleDeadlineResolver {
  @Query(() => [CycleDeadline], { description: "Your province's deadlines of the yearly cycle (none: nothing is late)." })
  cycleDeadlines(@Ctx() ctx: C) {
    return cycle.deadlines(ctx);
  }

  @Mutation(() => CycleDeadline, { description: 'Admins: set a deadline (day and month, every year). Audited.' })
  setCycleDeadline(
    @Ctx() ctx: C,
    @Arg('step', () => CycleStep) step: CycleStep,
    @Arg('month', () => Int) month: number,
    @Arg('day', () => Int) day: number,
    @Arg('source', () => String, { nullable: true }) source?: string,
  ) {
    return cycle.setDeadline(ctx, step, month, day, source);
  }

  @Mutation(() => Boolean, { description: 'Admins: remove a deadline. Audited. False when there was none.' })
  removeCycleDeadline(@Ctx() ctx: C, @Arg('step', () => CycleStep) step: CycleStep) {
    return cycle.removeDeadline(ctx, step);
  }
}

@Resolver(() => NeedsProposal)
export class NeedsProposalResolver {
  @Query(() => NeedsProposalConnection, { description: 'Needs proposals, newest year first unless `orderBy` says otherwise.' })
  needsProposals(
    @Ctx() ctx: C,
    @Arg('filter', () => CycleFilter, { nullable: true }) filter?: CycleFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [NeedsProposalOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof NeedsProposalOrder>[],
  ) {
    return cycle.list(ctx, 'needs_proposal', filter, { first, after, last, before, orderBy });
  }

  @Mutation(() => NeedsProposal, { description: "Officers and admins record the commune's proposal; late is recorded, not refused. Audited." })
  submitNeedsProposal(@Ctx() ctx: C, @Arg('input', () => SubmitNeedsProposalInput) input: SubmitNeedsProposalInput) {
    return cycle.submitNeedsProposal(ctx, input);
  }

  @Mutation(() => NeedsProposal, { description: 'Give the version you read. Audited.' })
  updateNeedsProposal(@Ctx() ctx: C, @Arg('input', () => UpdateNeedsProposalInput) input: UpdateNeedsProposalInput) {
    return cycle.updateNeedsProposal(ctx, input);
  }

  @FieldResolver(() => DateScalar)
  submittedOn(@Root() d: CycleDocRow) {
    return d.on;
  }

  @FieldResolver(() => Timeliness)
  timeliness(@Root() d: CycleDocRow) {
    return timelinessName(d.onTime);
  }

  @FieldResolver(() => Twinning, { nullable: true })
  twinning(@Root() d: CycleDocRow, @Ctx() ctx: C) {
    return ctx.loaders.twinningById.load(d.twinningId);
  }

  @FieldResolver(() => [NeedsItem])
  items(@Root() d: CycleDocRow, @Ctx() ctx: C) {
    return ctx.loaders.needsItemsOf.load(d.id);
  }
}

@Resolver(() => YearlyPlan)
export class YearlyPlanResolver {
  @Query(() => YearlyPlanConnection, { description: 'Yearly plans, newest year first unless `orderBy` says otherwise.' })
  yearlyPlans(
    @Ctx() ctx: C,
    @Arg('filter', () => CycleFilter, { nullable: true }) filter?: CycleFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [YearlyPlanOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof YearlyPlanOrder>[],
  ) {
    return cycle.list(ctx, 'yearly_plan', filter, { first, after, last, before, orderBy });
  }

  @Mutation(() => YearlyPlan, { description: 'Officers, admins, or the sponsor itself; late is recorded, not refused. Audited.' })
  signYearlyPlan(@Ctx() ctx: C, @Arg('input', () => SignYearlyPlanInput) input: SignYearlyPlanInput) {
    return cycle.signYearlyPlan(ctx, input);
  }

  @Mutation(() => YearlyPlan, { description: 'Give the version you read. Audited.' })
  updateYearlyPlan(@Ctx() ctx: C, @Arg('input', () => UpdateYearlyPlanInput) input: UpdateYearlyPlanInput) {
    return cycle.updateYearlyPlan(ctx, input);
  }

  @FieldResolver(() => DateScalar)
  signedOn(@Root() d: CycleDocRow) {
    return d.on;
  }

  @FieldResolver(() => Timeliness)
  timeliness(@Root() d: CycleDocRow) {
    return timelinessName(d.onTime);
  }

  @FieldResolver(() => Twinning, { nullable: true })
  twinning(@Root() d: CycleDocRow, @Ctx() ctx: C) {
    return ctx.loaders.twinningById.load(d.twinningId);
  }

  @FieldResolver(() => [PlanItem])
  items(@Root() d: CycleDocRow, @Ctx() ctx: C) {
    return ctx.loaders.planItemsOf.load(d.id);
  }
}

