import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { factsService as facts, type SponsorFactsRow } from './service.js';
import { SponsorFacts } from './types.js';

@Resolver(() => SponsorFacts)
export class SponsorFactsResolver {
  @Query(() => [SponsorFacts], {
    description:
      'Per sponsor of a programme’s year (a twinning of it active in the year, or a contribution to it that year): ' +
      'money, households helped, models, contributions, twinned communes, plans and needs proposals. One SQL statement. ' +
      'A partner gets its own row only.',
  })
  sponsorFacts(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('year', () => Int) year: number) {
    return facts.sponsorFacts(ctx, programId, year);
  }

  @FieldResolver()
  sponsor(@Root() f: SponsorFactsRow, @Ctx() ctx: C) {
    return ctx.loaders.sponsorById.load(f.sponsorId);
  }
}
