import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST, type RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import type { UnitRow } from '../units/rows.js';
import { Commune, District, Province } from '../units/types.js';
import type { ChangeRow } from './rows.js';
import { unitChangesService as changes } from './service.js';
import { ChangedUnit, UnitChange, UnitChangeFilter, UnitChangeInput, UnitChangeOrder } from './types.js';

type C = RequestContext<Loaders>;

export const UnitChangeConnection = ConnectionType('UnitChange', UnitChange);

@Resolver(() => UnitChange)
export class UnitChangeResolver {
  @Query(() => UnitChangeConnection, {
    description: 'Recorded changes of your province’s geography (merges, splits, renames…), a page at a time, by effective day unless `orderBy` says otherwise.',
  })
  unitChanges(
    @Ctx() ctx: C,
    @Arg('filter', () => UnitChangeFilter, { nullable: true }) filter?: UnitChangeFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [UnitChangeOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof UnitChangeOrder>[],
  ) {
    return changes.list(ctx, filter, { first, after, last, before, orderBy });
  }

  @Mutation(() => UnitChange, {
    description:
      'Record one change of the geography from its effective day, with its legal basis (admin): predecessors end the day before, ' +
      'new units begin, succession links follow. Audited; nothing is written on a refusal.',
  })
  async recordUnitChange(@Ctx() ctx: C, @Arg('input', () => UnitChangeInput) input: UnitChangeInput) {
    return (await changes.record(ctx, 'recordUnitChange', [input]))[0];
  }

  @Mutation(() => [UnitChange], {
    description: 'Record several changes in order (e.g. a resolution’s annex), all or nothing, as one audited write (admin; ≤ 200).',
  })
  recordUnitChanges(@Ctx() ctx: C, @Arg('changes', () => [UnitChangeInput]) inputs: UnitChangeInput[]) {
    return changes.record(ctx, 'recordUnitChanges', inputs);
  }

  @FieldResolver(() => [ChangedUnit], { description: 'The units the change ended, by code.' })
  predecessors(@Root() c: ChangeRow, @Ctx() ctx: C) {
    return changes.members(ctx, c, 'predecessors');
  }

  @FieldResolver(() => [ChangedUnit], { description: 'The units that went on or began with the change, by code.' })
  successors(@Root() c: ChangeRow, @Ctx() ctx: C) {
    return changes.members(ctx, c, 'successors');
  }
}

@Resolver(() => ChangedUnit)
export class ChangedUnitResolver {
  @FieldResolver(() => Commune, { nullable: true, description: 'The unit, when it is a commune.' })
  commune(@Root() u: UnitRow) {
    return u.level === 'COMMUNE' ? u : null;
  }

  @FieldResolver(() => District, { nullable: true, description: 'The unit, when it is a district.' })
  district(@Root() u: UnitRow) {
    return u.level === 'DISTRICT' ? u : null;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The unit, when it is a province.' })
  province(@Root() u: UnitRow) {
    return u.level === 'PROVINCE' ? u : null;
  }
}
