import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { Program } from '../programs/types.js';
import type { TargetRow } from './rows.js';
import { targetsService as targets } from './service.js';
import { Target, TargetInput } from './types.js';

type C = RequestContext<Loaders>;

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => Program, { nullable: true, description: 'The programme the target belongs to.' })
  program(@Root() t: TargetRow, @Ctx() ctx: C) {
    return targets.program(ctx, t);
  }

  @Mutation(() => Target, { description: 'Add a target to a programme (officer, admin). Audited.' })
  createTarget(@Ctx() ctx: C, @Arg('programId', () => ID) programId: string, @Arg('input', () => TargetInput) input: TargetInput) {
    return targets.create(ctx, programId, input);
  }

  @Mutation(() => Target, { description: 'Replace a target’s fields (officer, admin); stale `version` → CONFLICT. Audited.' })
  updateTarget(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => TargetInput) input: TargetInput,
  ) {
    return targets.update(ctx, id, version, input);
  }

  @Mutation(() => ID, { description: 'Delete a target (officer, admin); stale `version` → CONFLICT. Returns its id. Audited.' })
  deleteTarget(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return targets.delete(ctx, id, version);
  }
}
