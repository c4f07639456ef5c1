import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Contribution as ContributionRow } from '../contributions/entities.js';
import { Contribution } from '../contributions/types.js';
import type { CycleDocRow } from '../cycle/rows.js';
import { NeedsProposal, YearlyPlan } from '../cycle/types.js';
import type { Ctx as C } from '../loaders.js';
import { itemKey } from './loaders.js';
import type { StoredFileRow } from './rows.js';
import { filesService as files } from './service.js';
import { AttachmentKind, AttachmentTargetInput, FileAttachment, ReportRef, StoredFile } from './types.js';

@Resolver(() => StoredFile)
export class StoredFileResolver {
  @Query(() => StoredFile, { nullable: true, description: 'One uploaded file of your province that you may see.' })
  file(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return files.get(ctx, id);
  }

  @Mutation(() => StoredFile, {
    description: 'Attaches an uploaded file (`POST /files`) to a needs proposal, yearly plan, contribution or report you can see. Audited.',
  })
  attachFile(@Ctx() ctx: C, @Arg('fileId', () => ID) fileId: string, @Arg('to', () => AttachmentTargetInput) to: AttachmentTargetInput) {
    return files.attach(ctx, fileId, to.kind, to.id);
  }

  @Mutation(() => StoredFile, { description: 'Detaches a file from one item (the file stays until deleted or swept). Audited.' })
  detachFile(@Ctx() ctx: C, @Arg('fileId', () => ID) fileId: string, @Arg('from', () => AttachmentTargetInput) from: AttachmentTargetInput) {
    return files.detach(ctx, fileId, from.kind, from.id);
  }

  @Mutation(() => Boolean, { description: 'Deletes a file and its bytes, detaching it from everything first. Audited.' })
  deleteFile(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return files.delete(ctx, id);
  }

  @FieldResolver(() => Int)
  sizeBytes(@Root() f: StoredFileRow) {
    return Number(f.sizeBytes);
  }

  @FieldResolver(() => String)
  url(@Root() f: StoredFileRow) {
    return `/files/${f.id}`;
  }

  @FieldResolver(() => [FileAttachment])
  async attachedTo(@Root() f: StoredFileRow, @Ctx() ctx: C) {
    return (await ctx.loaders.attachmentsOfFile.load(f.id)).map((a) => ({ kind: a.targetKind, id: a.targetId, attachedAt: a.attachedAt, attachedBy: a.attachedBy }));
  }
}

const FILES = { description: 'Files attached to it (those you may see), oldest attachment first.' };

@Resolver(() => NeedsProposal)
export class NeedsProposalFilesResolver {
  @FieldResolver(() => [StoredFile], FILES)
  files(@Root() d: CycleDocRow, @Ctx() ctx: C) {
    return ctx.loaders.filesOfItem.load(itemKey(AttachmentKind.NEEDS_PROPOSAL, d.id));
  }
}

@Resolver(() => YearlyPlan)
export class YearlyPlanFilesResolver {
  @FieldResolver(() => [StoredFile], FILES)
  files(@Root() d: CycleDocRow, @Ctx() ctx: C) {
    return ctx.loaders.filesOfItem.load(itemKey(AttachmentKind.YEARLY_PLAN, d.id));
  }
}

@Resolver(() => Contribution)
export class ContributionFilesResolver {
  @FieldResolver(() => [StoredFile], FILES)
  files(@Root() c: ContributionRow, @Ctx() ctx: C) {
    return ctx.loaders.filesOfItem.load(itemKey(AttachmentKind.CONTRIBUTION, c.id));
  }
}

@Resolver(() => ReportRef)
export class ReportFilesResolver {
  @FieldResolver(() => [StoredFile], FILES)
  files(@Root() r: ReportRef, @Ctx() ctx: C) {
    ctx.authorize('sponsors.read');
    return ctx.loaders.filesOfItem.load(itemKey(AttachmentKind.REPORT, r.id));
  }
}
