import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { fundingService as funding } from './service.js';
import { FundingLine, FundingLineInput } from './types.js';

type C = RequestContext<Loaders>;

@Resolver(() => FundingLine)
export class FundingLineResolver {
  @Mutation(() => FundingLine, { description: 'Add a line to a programme’s funding plan (officer, admin). Audited.' })
  createFundingLine(
    @Ctx() ctx: C,
    @Arg('programId', () => ID) programId: string,
    @Arg('input', () => FundingLineInput) input: FundingLineInput,
  ) {
    return funding.create(ctx, programId, input);
  }

  @Mutation(() => FundingLine, { description: 'Replace a funding line (officer, admin); stale `version` → CONFLICT. Audited.' })
  updateFundingLine(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => FundingLineInput) input: FundingLineInput,
  ) {
    return funding.update(ctx, id, version, input);
  }

  @Mutation(() => ID, { description: 'Delete a funding line (officer, admin); stale `version` → CONFLICT. Returns its id. Audited.' })
  deleteFundingLine(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return funding.delete(ctx, id, version);
  }
}
