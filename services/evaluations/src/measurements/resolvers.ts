import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST } from '@kn/platform';
import { CommuneRef } from '../common/stubs.js';
import { percent } from '../common/decimal.js';
import type { Ctx as C } from '../loaders.js';
import type { CriteriaSetRow, MeasurementRow } from './rows.js';
import { measurementsService as measurements } from './service.js';
import { CommuneMeasurement, CommuneMeasurementInput, CommuneMeasurementOrder, CriteriaSet, CriteriaSetInput, CriterionResult, Criterion } from './types.js';

export const CommuneMeasurementConnection = ConnectionType('CommuneMeasurement', CommuneMeasurement);

@Resolver(() => CommuneMeasurement)
export class MeasurementResolver {
  @Query(() => CommuneMeasurementConnection, { description: 'The communes’ own figures of a year, by commune id unless `orderBy` says otherwise (first ≤ 500).' })
  communeMeasurements(
    @Ctx() ctx: C,
    @Arg('year', () => Int) year: number,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [CommuneMeasurementOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof CommuneMeasurementOrder>[],
  ) {
    return measurements.list(ctx, year, { first, after, last, before, orderBy });
  }

  @Mutation(() => CommuneMeasurement, {
    description: 'Officers and admins: a commune’s figures of a year (replace them with the version read). Audited.',
  })
  recordCommuneMeasurement(@Ctx() ctx: C, @Arg('input', () => CommuneMeasurementInput) input: CommuneMeasurementInput) {
    return measurements.record(ctx, input);
  }

  @FieldResolver()
  commune(@Root() m: MeasurementRow) {
    return { id: m.communeId };
  }

  @FieldResolver()
  async criteriaSet(@Root() m: MeasurementRow, @Ctx() ctx: C) {
    if (!m.criteriaSetCode) return null;
    return (await ctx.loaders.criteriaSetByCode.load(m.criteriaSetCode))?.set ?? null;
  }

  @FieldResolver()
  criteriaMetCount(@Root() m: MeasurementRow) {
    return m.criteriaMet?.length ?? null;
  }

  @FieldResolver(() => [CriterionResult], { nullable: true })
  async criteria(@Root() m: MeasurementRow, @Ctx() ctx: C): Promise<CriterionResult[] | null> {
    if (!m.criteriaSetCode || !m.criteriaMet) return null;
    const set = await ctx.loaders.criteriaSetByCode.load(m.criteriaSetCode);
    const met = new Set(m.criteriaMet);
    return (set?.criteria ?? []).map((c) => ({ number: c.number, name: { vi: c.nameVi, en: c.nameEn }, met: met.has(c.number) }));
  }

  @FieldResolver()
  povertyRate(@Root() m: MeasurementRow) {
    return percent(m.poorHouseholds, m.households);
  }

  @FieldResolver()
  nearPovertyRate(@Root() m: MeasurementRow) {
    return percent(m.nearPoorHouseholds, m.households);
  }

  @FieldResolver()
  rolledUp(@Root() m: MeasurementRow) {
    return m.parts.length > 0;
  }
}

@Resolver(() => CriteriaSet)
export class CriteriaSetResolver {
  @Query(() => [CriteriaSet], { description: 'Your province’s NTM criteria sets, oldest first.' })
  criteriaSets(@Ctx() ctx: C) {
    return measurements.criteriaSets(ctx);
  }

  @Mutation(() => CriteriaSet, { description: 'Admins: create a criteria set, or replace the one with its code. Audited.' })
  saveCriteriaSet(@Ctx() ctx: C, @Arg('input', () => CriteriaSetInput) input: CriteriaSetInput) {
    return measurements.saveCriteriaSet(ctx, input);
  }

  @FieldResolver()
  title(@Root() s: CriteriaSetRow) {
    return { vi: s.titleVi, en: s.titleEn };
  }

  @FieldResolver(() => [Criterion])
  async criteria(@Root() s: CriteriaSetRow, @Ctx() ctx: C): Promise<Criterion[]> {
    const found = await ctx.loaders.criteriaSetByCode.load(s.code);
    return (found?.criteria ?? []).map((c) => ({ number: c.number, name: { vi: c.nameVi, en: c.nameEn } }));
  }
}

@Resolver(() => CommuneRef)
export class CommuneMeasurementsResolver {
  @FieldResolver(() => CommuneMeasurement, {
    nullable: true,
    description:
      'This commune’s figures of `year` (NTM criteria, certification, households, poor and near-poor households). A commune ' +
      'created on 1/7/2025 asked for an earlier year: its predecessors’ households, rolled up.',
  })
  measurements(@Root() c: CommuneRef, @Ctx() ctx: C, @Arg('year', () => Int) year: number) {
    return measurements.forCommune(ctx, c.id, year);
  }
}
