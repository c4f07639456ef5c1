import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, DateScalar, ORDER_BY, PAGE_BEFORE, PAGE_LAST } from '@kn/platform';
import { Contribution } from '../contributions/types.js';
import { NeedsProposal, YearlyPlan } from '../cycle/types.js';
import { CommuneRef, ProgramRef } from '../geography/types.js';
import type { Ctx as C } from '../loaders.js';
import { Sponsor } from '../sponsors/types.js';
import { activeIn, type TwinningRow } from './rows.js';
import { twinningsService as twinnings } from './service.js';
import { CreateTwinningInput, Twinning, TwinningFilter, TwinningOrder, UpdateTwinningInput } from './types.js';

export const TwinningConnection = ConnectionType('Twinning', Twinning);

@Resolver(() => Twinning)
export class TwinningResolver {
  @Query(() => TwinningConnection, { description: 'Twinnings of your province, by code unless `orderBy` says otherwise, a page at a time (first ≤ 500).' })
  twinnings(
    @Ctx() ctx: C,
    @Arg('filter', () => TwinningFilter, { nullable: true }) filter?: TwinningFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [TwinningOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof TwinningOrder>[],
  ) {
    return twinnings.list(ctx, filter, { first, after, last, before, orderBy });
  }

  @Query(() => Twinning, { nullable: true })
  twinning(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return twinnings.get(ctx, id);
  }

  @Mutation(() => Twinning, { description: 'Officers and admins. Audited.' })
  createTwinning(@Ctx() ctx: C, @Arg('input', () => CreateTwinningInput) input: CreateTwinningInput) {
    return twinnings.create(ctx, input);
  }

  @Mutation(() => Twinning, { description: 'Officers and admins; give the version you read. Audited.' })
  updateTwinning(@Ctx() ctx: C, @Arg('input', () => UpdateTwinningInput) input: UpdateTwinningInput) {
    return twinnings.update(ctx, input);
  }

  @FieldResolver(() => Sponsor, { nullable: true })
  sponsor(@Root() t: TwinningRow, @Ctx() ctx: C) {
    return ctx.loaders.sponsorById.load(t.sponsorId);
  }

  @FieldResolver(() => CommuneRef, { nullable: true, description: 'The commune the twinning was signed with (kept after 1/7/2025).' })
  commune(@Root() t: TwinningRow) {
    return { id: t.communeId };
  }

  @FieldResolver(() => CommuneRef, {
    nullable: true,
    description:
      'The commune valid on `asOf` (default today) that the twinning continues in: the commune itself while it exists, else its successor (for a split commune, `successorCommune` or by default the first successor by code).',
  })
  currentCommune(@Root() t: TwinningRow, @Ctx() ctx: C, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return twinnings.currentCommune(ctx, t, asOf);
  }

  @FieldResolver(() => CommuneRef, { nullable: true, description: 'For a commune split on 1/7/2025: the successor chosen.' })
  successorCommune(@Root() t: TwinningRow) {
    return t.successorCommuneId ? { id: t.successorCommuneId } : null;
  }

  @FieldResolver(() => ProgramRef, { nullable: true })
  program(@Root() t: TwinningRow) {
    return { id: t.programId };
  }

  @FieldResolver(() => Boolean, { description: 'ACTIVE or ENDED, with a period overlapping the year.' })
  activeIn(@Root() t: TwinningRow, @Arg('year', () => Int) year: number) {
    return activeIn(t, year);
  }

  @FieldResolver(() => NeedsProposal, { nullable: true })
  async needsProposal(@Root() t: TwinningRow, @Ctx() ctx: C, @Arg('year', () => Int) year: number) {
    return (await ctx.loaders.needsProposalsOf.load(`${t.id}|${year}`))[0] ?? null;
  }

  @FieldResolver(() => YearlyPlan, { nullable: true, description: 'Null: no plan signed for that year.' })
  async plan(@Root() t: TwinningRow, @Ctx() ctx: C, @Arg('year', () => Int) year: number) {
    return (await ctx.loaders.plansOf.load(`${t.id}|${year}`))[0] ?? null;
  }

  @FieldResolver(() => [NeedsProposal])
  needsProposals(@Root() t: TwinningRow, @Ctx() ctx: C) {
    return ctx.loaders.needsProposalsOf.load(`${t.id}|`);
  }

  @FieldResolver(() => [YearlyPlan])
  plans(@Root() t: TwinningRow, @Ctx() ctx: C) {
    return ctx.loaders.plansOf.load(`${t.id}|`);
  }

  @FieldResolver(() => [Contribution], { description: 'Every status; in one year, or all years.' })
  contributions(@Root() t: TwinningRow, @Ctx() ctx: C, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.contributionsByTwinning.load(`${t.id}|${year ?? ''}`);
  }
}
