import {
  type AuditEntry,
  auditKey,
  auditTrailOf,
  callerLevels,
  chainFor,
  checkAct,
  checkVersion,
  commentText,
  enqueueOutbox,
  idOf,
  isUuid,
  listChains,
  notFound,
  ownSponsor,
  recordComment,
  recordTransition,
  replaceChain,
  type RequestContext,
  type ReviewAct,
  type ReviewChainStep,
  ReviewChainStepInput,
  ReviewLevel,
  returnReason,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { reporterRecipients } from './reminders.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@kn/platform';
import { programVisible } from '../common/peers.js';
import { refuseScoped } from '../common/scope.js';
import { ReportEntity, type Report } from './entities.js';

type Ctx = RequestContext<unknown>;
const S = 'evaluations';

/** The application's belt for one report: its reporter in the caller's reach or one of its agencies (as `unitScope` in SQL). */
export function inReportScope(ctx: Ctx, r: { reporterId: string }): boolean {
  const scope = ctx.identity.scope;
  return !scope || scope.reach.includes(r.reporterId) || scope.agencies.includes(r.reporterId);
}

/** What a submission of a report sends: its period, due day, first submission day and note. */
export function reportContent(r: Report, submittedOn: string): Record<string, unknown> {
  return {
    id: r.id, programId: r.programId, kind: r.kind, reporterKind: r.reporterKind, reporterId: r.reporterId, periodStart: r.periodStart,
    periodEnd: r.periodEnd, dueOn: r.dueOn, submittedOn: r.submittedOn ?? submittedOn, note: r.note ?? null,
  };
}

@InputType({ description: 'The chain of a programme’s reports from `validFrom`: replaces the steps set for that day.' })
export class ReportReviewChainInput {
  @Field(() => ID) programId!: string;
  @Field(() => DateScalar, { nullable: true }) validFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) validUntil?: string | null;
  @Field(() => [ReviewChainStepInput], { description: 'In order: who sends first, who accepts last. Empty: remove.' }) steps!: ReviewChainStepInput[];
  @Field(() => String, { description: 'What the chain rests on.' }) source!: string;
}

/**
 * Returning and accepting reports, comments on them, their chains and audit trail (docs/WORKFLOW.md).
 * Submitting is `recordReportSubmission` (reports/service.ts), the same checks.
 */
export class ReportReviewService {
  private async locked(ctx: Ctx, em: EntityManager, id: string) {
    const r = await em.findOne(ReportEntity, { tenantId: ctx.tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const own = ownSponsor(ctx);
    if (!r || (own !== undefined && !(r.reporterKind === 'SPONSOR' && r.reporterId === own)) || !inReportScope(ctx, r)) throw notFound('Report', { field: 'id' });
    return r;
  }

  async act(ctx: Ctx, idArg: string, version: number, act: Exclude<ReviewAct, 'SUBMIT'>, reasonArg?: string | null) {
    ctx.authorize('evaluations.review');
    const tenant = ctx.tenant;
    const id = idOf(idArg, 'Report', 'id');
    const reason = act === 'RETURN' ? returnReason(reasonArg) : null;
    await ctx.write(act === 'RETURN' ? 'returnReport' : 'acceptReport', async (em) => {
      const r = await this.locked(ctx, em, id);
      const { level, to } = checkAct(await chainFor(em, S, tenant, r.programId, 'REPORT', r.periodStart), callerLevels(ctx), act, r.status);
      checkVersion(r, version, 'This report');
      const from = r.status;
      r.status = to;
      r.version += 1;
      r.updatedAt = new Date();
      await recordTransition(em, S, { tenant, kind: 'REPORT', itemId: id, by: ctx.identity.subject, level, from, to, reason, itemVersion: r.version });
      // the reporter is told in this same transaction (#14 §3)
      await enqueueOutbox(em, {
        tenant,
        event: to as 'RETURNED' | 'ACCEPTED',
        subject: { type: 'Report', id: r.id },
        payload: { kind: r.kind, programId: r.programId, reporterKind: r.reporterKind, reporterId: r.reporterId, periodStart: r.periodStart, dueOn: r.dueOn, reason, level },
        recipients: { roles: ['officer', 'admin'], ...reporterRecipients(r.reporterKind, r.reporterId) },
        actor: ctx.identity.subject,
      });
    });
    return id;
  }

  async comment(ctx: Ctx, idArg: string, textArg: string) {
    ctx.authorize('evaluations.comment');
    const tenant = ctx.tenant;
    const id = idOf(idArg, 'Report', 'id');
    const text = commentText(textArg);
    return ctx.write('addReportComment', async (em) => {
      await this.locked(ctx, em, id);
      return recordComment(em, { tenant, kind: 'REPORT', itemId: id, by: ctx.identity.subject, level: callerLevels(ctx)[0] ?? ReviewLevel.PROVINCE, text });
    });
  }

  async chains(ctx: Ctx, programId?: string | null): Promise<ReviewChainStep[]> {
    ctx.authorize('evaluations.read');
    return listChains(ctx, S, ['REPORT'], programId);
  }

  async setChain(ctx: Ctx, input: ReportReviewChainInput): Promise<ReviewChainStep[]> {
    ctx.authorize('evaluations.configure');
    refuseScoped(ctx, 'The province’s reporting chain');
    return replaceChain(ctx, S, 'setReportReviewChain', { ...input, kind: 'REPORT' }, async (id) => Boolean(await programVisible(ctx, id)));
  }

  /** A report's audit trail (asked by the sponsors subgraph's `auditTrail`, as the caller): empty when the caller cannot see it. */
  async auditTrail(ctx: Ctx, idArg: string): Promise<AuditEntry[]> {
    ctx.authorize('evaluations.audit');
    if (!isUuid(idArg)) return [];
    const id = idArg.toLowerCase();
    const em = await ctx.em();
    const r = await em.findOne(ReportEntity, { tenantId: ctx.tenant, id });
    const own = ownSponsor(ctx);
    if (!r || own !== undefined || !inReportScope(ctx, r)) return [];
    return auditTrailOf(ctx, S, 'Report', auditKey(ctx.tenant, id));
  }
}

export const reportReviewService = new ReportReviewService();
