import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST } from '@kn/platform';
import { Contribution } from '../contributions/types.js';
import { DistrictRef } from '../geography/types.js';
import type { Ctx as C } from '../loaders.js';
import { TwinningStatus } from '../common/enums.js';
import { Twinning } from '../twinnings/types.js';
import type { SponsorRow } from './rows.js';
import { sponsorsService as sponsors } from './service.js';
import { CreateSponsorInput, Sponsor, SponsorContact, SponsorFilter, SponsorOrder, UpdateSponsorInput } from './types.js';

export const SponsorConnection = ConnectionType('Sponsor', Sponsor);

@Resolver(() => Sponsor)
export class SponsorResolver {
  @Query(() => SponsorConnection, { description: 'Sponsors of your province, by code unless `orderBy` says otherwise, a page at a time (first ≤ 500).' })
  sponsors(
    @Ctx() ctx: C,
    @Arg('filter', () => SponsorFilter, { nullable: true }) filter?: SponsorFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [SponsorOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof SponsorOrder>[],
  ) {
    return sponsors.list(ctx, filter, { first, after, last, before, orderBy });
  }

  @Query(() => Sponsor, { nullable: true })
  sponsor(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return sponsors.get(ctx, id);
  }

  @Mutation(() => Sponsor, { description: 'Officers and admins. Audited.' })
  createSponsor(@Ctx() ctx: C, @Arg('input', () => CreateSponsorInput) input: CreateSponsorInput) {
    return sponsors.create(ctx, input);
  }

  @Mutation(() => Sponsor, { description: 'Officers and admins; give the version you read. Audited.' })
  updateSponsor(@Ctx() ctx: C, @Arg('input', () => UpdateSponsorInput) input: UpdateSponsorInput) {
    return sponsors.update(ctx, input);
  }

  @FieldResolver(() => SponsorContact, { nullable: true })
  contact(@Root() s: SponsorRow) {
    if (!s.contactName && !s.contactPhone && !s.contactEmail) return null;
    return { name: s.contactName, phone: s.contactPhone, email: s.contactEmail };
  }

  @FieldResolver(() => DistrictRef, { nullable: true, description: 'For a DISTRICT sponsor: the district it is.' })
  district(@Root() s: SponsorRow) {
    return s.districtId ? { id: s.districtId } : null;
  }

  @FieldResolver(() => [Twinning])
  twinnings(@Root() s: SponsorRow, @Ctx() ctx: C, @Arg('status', () => TwinningStatus, { nullable: true }) status?: TwinningStatus) {
    return sponsors.twinnings(ctx, s, status);
  }

  @FieldResolver(() => [Contribution], { description: 'Every status; in one year, or all years when `year` is left out.' })
  contributions(@Root() s: SponsorRow, @Ctx() ctx: C, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return sponsors.contributions(ctx, s, year);
  }
}
