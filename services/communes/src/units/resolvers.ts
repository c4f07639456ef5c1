import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CommuneClassification, ConnectionType, DateScalar, ORDER_BY, PAGE_BEFORE, PAGE_LAST, type RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import type { UnitRow } from './rows.js';
import { scopeReach } from './scope.js';
import { unitsService as units } from './service.js';
import { Commune, CommuneFilter, CommuneOrder, District, Location, Province, Tenant, TenantLineage, TenantSuccession, UnitClassification } from './types.js';

type C = RequestContext<Loaders>;

export const CommuneConnection = ConnectionType('Commune', Commune);

@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => CommuneConnection, { description: 'Communes of your province, a page at a time (first ≤ 500), by code unless `orderBy` says otherwise.' })
  communes(
    @Ctx() ctx: C,
    @Arg('filter', () => CommuneFilter, { nullable: true }) filter?: CommuneFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [CommuneOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof CommuneOrder>[],
  ) {
    return units.listCommunes(ctx, filter, { first, after, last, before, orderBy });
  }

  @Query(() => Commune, { nullable: true, description: 'A commune by id, or by code valid on `asOf` (default today).' })
  commune(
    @Ctx() ctx: C,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    return units.findUnit(ctx, 'COMMUNE', { id, code, asOf });
  }

  @Mutation(() => Commune, { description: 'Replace a commune’s classifications (admin). Audited.' })
  setCommuneClassifications(
    @Ctx() ctx: C,
    @Arg('communeId', () => ID) communeId: string,
    @Arg('classifications', () => [CommuneClassification]) classifications: CommuneClassification[],
  ) {
    return units.setClassifications(ctx, 'setCommuneClassifications', 'COMMUNE', communeId, classifications);
  }

  @FieldResolver(() => District, { nullable: true, description: 'Null for units created on or after 1/7/2025.' })
  district(@Root() c: UnitRow, @Ctx() ctx: C) {
    return units.parentDistrict(ctx, c);
  }

  @FieldResolver(() => Province)
  province(@Root() c: UnitRow, @Ctx() ctx: C) {
    return units.province(ctx, c);
  }

  @FieldResolver(() => [Commune], { description: 'Units this one replaced (merged or split into it).' })
  predecessors(@Root() c: UnitRow, @Ctx() ctx: C) {
    return units.linked(ctx, c, 'predecessors', 'COMMUNE');
  }

  @FieldResolver(() => [Commune], { description: 'Units that replaced this one.' })
  successors(@Root() c: UnitRow, @Ctx() ctx: C) {
    return units.linked(ctx, c, 'successors', 'COMMUNE');
  }

  @FieldResolver(() => Location, {
    nullable: true,
    description: 'Position for maps: the unit’s own (units from 1/7/2025), else its successor’s (`inherited`); null where unknown.',
  })
  location(@Root() c: UnitRow, @Ctx() ctx: C) {
    return units.location(ctx, c);
  }

  @FieldResolver(() => [CommuneClassification])
  classifications(@Root() c: UnitRow, @Ctx() ctx: C) {
    return units.classifications(ctx, c);
  }

  @FieldResolver(() => [UnitClassification], { description: 'The classifications with where each comes from.' })
  classificationSources(@Root() c: UnitRow, @Ctx() ctx: C) {
    return units.classificationSources(ctx, c);
  }
}

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => [District], { description: 'Districts valid on `asOf` (none exist from 1/7/2025).' })
  districts(
    @Ctx() ctx: C,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    return units.listUnits(ctx, 'DISTRICT', asOf, provinceCode);
  }

  @Query(() => District, { nullable: true })
  district(
    @Ctx() ctx: C,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    return units.findUnit(ctx, 'DISTRICT', { id, code, asOf });
  }

  @Mutation(() => District, { description: 'Replace a district’s classifications, e.g. LOWLAND (admin). Audited.' })
  setDistrictClassifications(
    @Ctx() ctx: C,
    @Arg('districtId', () => ID) districtId: string,
    @Arg('classifications', () => [CommuneClassification]) classifications: CommuneClassification[],
  ) {
    return units.setClassifications(ctx, 'setDistrictClassifications', 'DISTRICT', districtId, classifications);
  }

  @FieldResolver(() => Province)
  province(@Root() d: UnitRow, @Ctx() ctx: C) {
    return units.province(ctx, d);
  }

  @FieldResolver(() => [Commune])
  communes(@Root() d: UnitRow, @Ctx() ctx: C, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return units.children(ctx, 'parent', d, 'COMMUNE', asOf ?? d.validTo);
  }

  @FieldResolver(() => [CommuneClassification])
  classifications(@Root() d: UnitRow, @Ctx() ctx: C) {
    return units.classifications(ctx, d);
  }

  @FieldResolver(() => [UnitClassification], { description: 'The classifications with where each comes from.' })
  classificationSources(@Root() d: UnitRow, @Ctx() ctx: C) {
    return units.classificationSources(ctx, d);
  }
}

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => [Province], { description: 'Provinces of your platform valid on `asOf`.' })
  provinces(@Ctx() ctx: C, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return units.listUnits(ctx, 'PROVINCE', asOf);
  }

  @Query(() => Province, { nullable: true })
  province(
    @Ctx() ctx: C,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    return units.findUnit(ctx, 'PROVINCE', { id, code, asOf });
  }

  @FieldResolver(() => [District])
  districts(@Root() p: UnitRow, @Ctx() ctx: C, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return units.children(ctx, 'parent', p, 'DISTRICT', asOf ?? p.validTo);
  }

  @FieldResolver(() => [Commune])
  communes(@Root() p: UnitRow, @Ctx() ctx: C, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    return units.children(ctx, 'province', p, 'COMMUNE', asOf ?? p.validTo);
  }

  @FieldResolver(() => [Province])
  predecessors(@Root() p: UnitRow, @Ctx() ctx: C) {
    return units.linked(ctx, p, 'predecessors', 'PROVINCE');
  }

  @FieldResolver(() => [Province])
  successors(@Root() p: UnitRow, @Ctx() ctx: C) {
    return units.linked(ctx, p, 'successors', 'PROVINCE');
  }

  @FieldResolver(() => Location, {
    nullable: true,
    description: 'Position for maps (the 2025 data’s point for the province), else its successor’s (`inherited`); null where unknown.',
  })
  location(@Root() p: UnitRow, @Ctx() ctx: C) {
    return units.location(ctx, p);
  }
}

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, { nullable: true, description: 'The province you act for; null for the national role.' })
  async currentTenant(@Ctx() ctx: C) {
    if (ctx.isNational) return null;
    const tenant = await units.tenant(ctx, ctx.tenant);
    // the gateway refuses the tokens of a tenant this answers null for: a tenant onboarded moments
    // ago may not be on the replica yet
    if (!tenant) ctx.readAgainOnPrimary();
    return tenant;
  }

  @Directive('@inaccessible')
  @Query(() => [ID], { description: "For the gateway: the administrative units the caller's own unit scope reaches (expanded once at the edge)." })
  scopeReach(@Ctx() ctx: C) {
    return scopeReach(ctx);
  }

  @Directive('@inaccessible')
  @Query(() => TenantLineage, { description: "For the gateway: the tenants the caller's succeeded, and whether another has succeeded it (set once at the edge)." })
  tenantLineage(@Ctx() ctx: C) {
    return units.lineage(ctx);
  }

  @Query(() => [TenantSuccession], {
    description: 'Successions naming your province (as successor or predecessor), each with its day, legal basis and provenance; all for the national role.',
  })
  tenantSuccessions(@Ctx() ctx: C) {
    return units.successions(ctx);
  }

  @Query(() => [Tenant], { description: 'Provinces on the platform you may read: yours, or all for the national role.' })
  tenants(@Ctx() ctx: C) {
    return units.tenants(ctx);
  }
}
