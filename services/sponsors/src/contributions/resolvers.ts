import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST, VndScalar } from '@kn/platform';
import { CommuneRef, ProgramRef } from '../geography/types.js';
import type { Ctx as C } from '../loaders.js';
import { Sponsor } from '../sponsors/types.js';
import { Twinning } from '../twinnings/types.js';
import type { ContributionRow } from './rows.js';
import { contributionsService as contributions } from './service.js';
import {
  Contribution,
  ContributionFilter,
  ContributionGroup,
  ContributionGroupBy,
  ContributionOrder,
  ContributionReversal,
  RecordContributionInput,
  ReverseContributionInput,
  UpdateContributionInput,
} from './types.js';

export const ContributionConnection = ConnectionType('Contribution', Contribution);

@Resolver(() => Contribution)
export class ContributionResolver {
  @Query(() => ContributionConnection, { description: 'Contributions, newest first unless `orderBy` says otherwise, a page at a time (first ≤ 500).' })
  contributions(
    @Ctx() ctx: C,
    @Arg('filter', () => ContributionFilter, { nullable: true }) filter?: ContributionFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [ContributionOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof ContributionOrder>[],
  ) {
    return contributions.list(ctx, filter, { first, after, last, before, orderBy });
  }

  @Query(() => Contribution, { nullable: true })
  contribution(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return contributions.get(ctx, id);
  }

  @Query(() => [ContributionGroup], {
    description:
      'Totals of contributions (DONE and VERIFIED unless `filter.statuses` says otherwise), grouped by the dimensions ' +
      'asked for, summed by PostgreSQL in one statement. An empty `groupBy` gives one grand total.',
  })
  contributionTotals(
    @Ctx() ctx: C,
    @Arg('filter', () => ContributionFilter, { nullable: true }) filter: ContributionFilter | undefined,
    @Arg('groupBy', () => [ContributionGroupBy]) groupBy: ContributionGroupBy[],
  ) {
    return contributions.totals(ctx, filter, groupBy);
  }

  @Mutation(() => Contribution, {
    description:
      'Records a contribution (officers, admins, or a sponsor for its own twinnings). Retrying with the same ' +
      '`idempotencyKey` and payload returns the first result and writes nothing; another payload under the same key is CONFLICT. Audited.',
  })
  recordContribution(
    @Ctx() ctx: C,
    @Arg('input', () => RecordContributionInput) input: RecordContributionInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
  ) {
    return contributions.record(ctx, input, idempotencyKey);
  }

  @Mutation(() => Contribution, { description: 'A PLANNED or DONE contribution; a VERIFIED one is CONFLICT (reverse it). Audited.' })
  updateContribution(@Ctx() ctx: C, @Arg('input', () => UpdateContributionInput) input: UpdateContributionInput) {
    return contributions.update(ctx, input);
  }

  @Mutation(() => Contribution, { description: 'Officers and admins: DONE → VERIFIED, final from then on. Audited.' })
  verifyContribution(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return contributions.verify(ctx, id, version);
  }

  @Mutation(() => ContributionReversal, {
    description: 'Officers and admins: corrects a VERIFIED contribution by a linked, negating reversal (and the corrected record). Audited.',
  })
  reverseContribution(@Ctx() ctx: C, @Arg('input', () => ReverseContributionInput) input: ReverseContributionInput) {
    return contributions.reverse(ctx, input);
  }

  @FieldResolver(() => Int)
  year(@Root() c: ContributionRow) {
    return Number(c.contributedOn.slice(0, 4));
  }

  @FieldResolver(() => VndScalar, { description: 'Cash + in kind.' })
  totalVnd(@Root() c: ContributionRow) {
    return BigInt(c.cashVnd) + BigInt(c.inKindVnd);
  }

  @FieldResolver(() => Twinning, { nullable: true })
  twinning(@Root() c: ContributionRow, @Ctx() ctx: C) {
    return ctx.loaders.twinningById.load(c.twinningId);
  }

  @FieldResolver(() => Sponsor, { nullable: true })
  sponsor(@Root() c: ContributionRow, @Ctx() ctx: C) {
    return ctx.loaders.sponsorById.load(c.sponsorId);
  }

  @FieldResolver(() => CommuneRef, { nullable: true, description: "The twinning's commune (as signed)." })
  commune(@Root() c: ContributionRow) {
    return { id: c.communeId };
  }

  @FieldResolver(() => ProgramRef, { nullable: true })
  program(@Root() c: ContributionRow) {
    return { id: c.programId };
  }

  @FieldResolver(() => Contribution, { nullable: true, description: 'On a reversal: the contribution it reverses.' })
  reverses(@Root() c: ContributionRow, @Ctx() ctx: C) {
    return c.reversesId ? ctx.loaders.contributionById.load(c.reversesId) : null;
  }

  @FieldResolver(() => Contribution, { nullable: true, description: 'The reversal that cancelled this contribution, if any.' })
  reversedBy(@Root() c: ContributionRow, @Ctx() ctx: C) {
    return c.reversesId ? null : ctx.loaders.reversalOf.load(c.id);
  }
}
