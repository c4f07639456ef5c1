import { CommuneClassification } from '@kn/platform';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { TwinningStatus } from '../common/enums.js';
import { Twinning } from '../twinnings/types.js';
import { communesService as communes } from './service.js';
import { CommuneRef, CommuneSponsorship, ProgramRef } from './types.js';

@Resolver(() => CommuneRef)
export class CommuneSponsorsResolver {
  @Query(() => [CommuneRef], {
    description:
      'Communes of your province as they stood on 31/12 of `year` (optionally of one classification) with no twinning ' +
      'active that year. A twinning signed with a commune merged on 1/7/2025 covers the successor it continues in.',
  })
  communesWithoutActiveTwinning(
    @Ctx() ctx: C,
    @Arg('year', () => Int) year: number,
    @Arg('classification', () => CommuneClassification, { nullable: true }) classification?: CommuneClassification,
  ) {
    return communes.withoutActiveTwinning(ctx, year, classification);
  }

  @FieldResolver(() => [Twinning], {
    description:
      "Twinnings with this commune and, for a commune created on 1/7/2025, its predecessors' twinnings that continue in it; active in `year` when given.",
  })
  twinnings(@Root() c: CommuneRef, @Ctx() ctx: C, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return communes.twinnings(ctx, c.id, year);
  }

  @FieldResolver(() => CommuneSponsorship, { description: "What sponsors did here in `year`, predecessors' figures rolled up." })
  sponsorship(@Root() c: CommuneRef, @Ctx() ctx: C, @Arg('year', () => Int) year: number) {
    return communes.sponsorship(ctx, c.id, year);
  }
}

@Resolver(() => ProgramRef)
export class ProgramTwinningsResolver {
  @FieldResolver(() => [Twinning], { description: "The programme's twinnings in your province, by code." })
  twinnings(
    @Root() p: ProgramRef,
    @Ctx() ctx: C,
    @Arg('status', () => TwinningStatus, { nullable: true }) status?: TwinningStatus,
    @Arg('activeIn', () => Int, { nullable: true }) activeIn?: number,
  ) {
    ctx.authorize('sponsors.read');
    return ctx.loaders.twinningsByProgram.load(`${p.id.toLowerCase()}|${status ?? ''},${activeIn ?? ''}`);
  }
}
