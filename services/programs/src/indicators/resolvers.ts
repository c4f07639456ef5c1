import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST, type RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { indicatorsService as indicators } from './service.js';
import { Indicator, IndicatorInput, IndicatorOrder } from './types.js';

type C = RequestContext<Loaders>;

export const IndicatorConnection = ConnectionType('Indicator', Indicator);

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => IndicatorConnection, { description: 'Your province’s indicator catalogue, by code (first ≤ 500).' })
  indicators(
    @Ctx() ctx: C,
    @Arg('search', () => String, { nullable: true, description: 'Part of the code or name; case and diacritics are ignored.' })
    search?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [IndicatorOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof IndicatorOrder>[],
  ) {
    return indicators.list(ctx, search, { first, after, last, before, orderBy });
  }

  @Query(() => Indicator, { nullable: true })
  indicator(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return indicators.byId(ctx, id);
  }

  @Mutation(() => Indicator, { description: 'Add an indicator to your province’s catalogue (officer, admin). Audited.' })
  createIndicator(
    @Ctx() ctx: C,
    @Arg('code', () => String, { description: 'Unique in your province: capitals, digits and "_", e.g. "POVERTY_RATE".' })
    code: string,
    @Arg('input', () => IndicatorInput) input: IndicatorInput,
  ) {
    return indicators.create(ctx, code, input);
  }

  @Mutation(() => Indicator, { description: 'Replace an indicator’s fields (officer, admin); stale `version` → CONFLICT. Audited.' })
  updateIndicator(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => IndicatorInput) input: IndicatorInput,
  ) {
    return indicators.update(ctx, id, version, input);
  }
}
