import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, ReviewChainStep, ReviewComment, ReviewStatus, ReviewTransition, ReviewVersion } from '@kn/platform';
import type { Ctx as C } from '../loaders.js';
import type { ReportRow } from './rows.js';
import { reportReviewService as review, ReportReviewChainInput } from './review.js';
import { reportsService as reports } from './service.js';
import { Report } from './types.js';

@Resolver(() => Report)
export class ReportReviewResolver {
  @FieldResolver(() => ReviewStatus, { description: 'Where it is in the reporting chain (DRAFT until it comes in). `status` is its timeliness on a day.' })
  reviewStatus(@Root() r: ReportRow) {
    return r.reviewStatus;
  }

  @FieldResolver(() => [ReviewTransition], { description: 'Every transition, oldest first: who, when, from, to, why.' })
  history(@Root() r: ReportRow, @Ctx() ctx: C) {
    return ctx.loaders.review.historyOf.load(r.id);
  }

  @FieldResolver(() => [ReviewComment], { description: 'Comments of both sides, oldest first.' })
  comments(@Root() r: ReportRow, @Ctx() ctx: C) {
    return ctx.loaders.review.commentsOf.load(r.id);
  }

  @FieldResolver(() => [ReviewVersion], { description: 'What each submission sent (a returned report keeps its earlier versions).' })
  versions(@Root() r: ReportRow, @Ctx() ctx: C) {
    return ctx.loaders.review.versionsOf.load(r.id);
  }

  @Mutation(() => Report, { description: 'Return a SUBMITTED report to its reporter, with the reason. Audited.' })
  async returnReport(
    @Ctx() ctx: C,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String, { description: 'Why it goes back (at least 10 characters): the reporter reads it.' }) reason: string,
  ) {
    return reports.get(ctx, await review.act(ctx, id, version, 'RETURN', reason));
  }

  @Mutation(() => Report, { description: 'Accept a SUBMITTED report (the level that accepts). Audited.' })
  async acceptReport(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return reports.get(ctx, await review.act(ctx, id, version, 'ACCEPT'));
  }

  @Mutation(() => ReviewComment, { description: 'Comment on a report; both sides see it. Audited.' })
  addReportComment(@Ctx() ctx: C, @Arg('id', () => ID) id: string, @Arg('text', () => String) text: string) {
    return review.comment(ctx, id, text);
  }

  @Query(() => [ReviewChainStep], { description: 'The reporting chains of reports, per programme (data; none: the province, and a sponsor for its own).' })
  reportReviewChains(@Ctx() ctx: C, @Arg('programId', () => ID, { nullable: true }) programId?: string) {
    return review.chains(ctx, programId);
  }

  @Mutation(() => [ReviewChainStep], { description: 'Admins: set the chain of a programme’s reports from a day. Audited.' })
  setReportReviewChain(@Ctx() ctx: C, @Arg('input', () => ReportReviewChainInput) input: ReportReviewChainInput) {
    return review.setChain(ctx, input);
  }

  @Directive('@inaccessible')
  @Query(() => [AuditEntry], { description: 'Internal: a report’s audit trail, asked by `auditTrail(entity: REPORT)` as the caller.' })
  reportAuditTrail(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return review.auditTrail(ctx, id);
  }
}
