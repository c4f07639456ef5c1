import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, ORDER_BY, PAGE_BEFORE, PAGE_LAST, type RequestContext, TenantRef, VndScalar } from '@kn/platform';
import { Commune } from '../coverage/types.js';
import { coverageService as coverage } from '../coverage/service.js';
import { fundingService as funding } from '../funding/service.js';
import { FundingLine } from '../funding/types.js';
import type { Loaders } from '../loaders.js';
import { targetsService as targets } from '../targets/service.js';
import { Target } from '../targets/types.js';
import { tasksService as tasks } from '../tasks/service.js';
import { Task } from '../tasks/types.js';
import type { ProgramRow } from './rows.js';
import { programsService as programs } from './service.js';
import { LegalBasis, Program, ProgramFilter, ProgramInput, ProgramOrder } from './types.js';

type C = RequestContext<Loaders>;

export const ProgramConnection = ConnectionType('Program', Program);

@Resolver(() => Program)
export class ProgramResolver {
  @Query(() => ProgramConnection, {
    description: 'Programmes you may read (your province’s; every province’s for the national role), by code, a page at a time (first ≤ 500).',
  })
  programs(
    @Ctx() ctx: C,
    @Arg('filter', () => ProgramFilter, { nullable: true }) filter?: ProgramFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('last', () => Int, { nullable: true, description: PAGE_LAST }) last?: number,
    @Arg('before', () => String, { nullable: true, description: PAGE_BEFORE }) before?: string,
    @Arg('orderBy', () => [ProgramOrder], { nullable: true, description: ORDER_BY }) orderBy?: InstanceType<typeof ProgramOrder>[],
  ) {
    return programs.list(ctx, filter, { first, after, last, before, orderBy });
  }

  @Query(() => Program, { nullable: true, description: 'A programme by id; null when unknown or not yours to read.' })
  program(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return programs.byId(ctx, id);
  }

  @Mutation(() => Program, { description: 'Record a programme (officer, admin). Audited.' })
  createProgram(
    @Ctx() ctx: C,
    @Arg('code', () => String, { description: 'Unique in your province: capitals, digits, "-", "/", "."; e.g. "LS-NTM-2019".' })
    code: string,
    @Arg('input', () => ProgramInput) input: ProgramInput,
  ) {
    return programs.create(ctx, code, input);
  }

  @Mutation(() => Program, {
    description: 'Replace a programme’s fields (officer, admin). `version` is the one you read: if it moved on, CONFLICT and nothing is written. Audited.',
  })
  updateProgram(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ProgramInput) input: ProgramInput,
  ) {
    return programs.update(ctx, id, version, input);
  }

  @Mutation(() => Program, {
    description: 'Replace the communes a programme covers (officer, admin); each must be a commune of your province. Bumps the programme’s version. Audited.',
  })
  setProgramCommunes(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('communeIds', () => [ID]) communeIds: string[],
  ) {
    return coverage.setCommunes(ctx, id, version, communeIds);
  }

  @FieldResolver(() => [LegalBasis])
  legalBases(@Root() p: ProgramRow) {
    return p.legalBases.map((b) => ({ ...b, note: b.note ?? null }));
  }

  @FieldResolver(() => TenantRef, { description: 'The province whose programme this is.' })
  tenant(@Root() p: ProgramRow) {
    return { slug: p.tenantId };
  }

  @FieldResolver(() => [Target], { description: 'Targets in the document’s order; with `year`, those that apply in that year.' })
  targets(@Root() p: ProgramRow, @Ctx() ctx: C, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return targets.forProgram(ctx, p, year);
  }

  @FieldResolver(() => [Task], { description: 'Tasks in the document’s order.' })
  tasks(@Root() p: ProgramRow, @Ctx() ctx: C) {
    return tasks.forProgram(ctx, p);
  }

  @FieldResolver(() => [FundingLine], { description: 'The funding plan, line by line.' })
  fundingLines(@Root() p: ProgramRow, @Ctx() ctx: C) {
    return funding.forProgram(ctx, p);
  }

  @FieldResolver(() => VndScalar, { description: 'Sum of the funding lines, exact; 0 when the plan states no amounts.' })
  fundingTotal(@Root() p: ProgramRow, @Ctx() ctx: C) {
    return funding.total(ctx, p);
  }

  @FieldResolver(() => [Commune], { description: 'The communes the programme covers (resolved by the communes subgraph).' })
  coveredCommunes(@Root() p: ProgramRow, @Ctx() ctx: C) {
    return programs.coveredCommunes(ctx, p);
  }
}
