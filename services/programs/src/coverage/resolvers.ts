import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { programsService as programs } from '../programs/service.js';
import { Program } from '../programs/types.js';
import { Commune } from './types.js';

type C = RequestContext<Loaders>;

@Resolver(() => Commune)
export class CommuneProgramsResolver {
  @FieldResolver(() => [Program], { description: 'Programmes that cover this commune (that you may read).' })
  programs(@Root() commune: Commune, @Ctx() ctx: C) {
    return programs.forCommune(ctx, commune.id);
  }
}
