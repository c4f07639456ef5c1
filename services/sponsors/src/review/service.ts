import {
  type AuditEntry,
  auditKey,
  auditTrailOf,
  callerLevels,
  chainFor,
  checkAct,
  checkVersion,
  enqueueOutbox,
  commentText,
  idOf,
  idsVisible,
  isUuid,
  listChains,
  notFound,
  recordComment,
  recordTransition,
  recordVersion,
  type ReviewAct,
  type ReviewChainStep,
  ReviewLevel,
  ReviewStatus,
  refuse,
  Reason,
  replaceChain,
  returnReason,
  tenantWhere,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { cycleEvent } from '../cycle/reminders.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Ctx } from '../loaders.js';
import { PROGRAMS_EXIST, REPORT_AUDIT_TRAIL } from '../peers.js';
import { inScope, refuseScoped, sponsorScope } from '../common/scope.js';
import { NeedsItemEntity, NeedsProposalEntity, PlanItemEntity, YearlyPlanEntity } from '../cycle/entities.js';
import type { CycleDocRow } from '../cycle/rows.js';
import { TwinningEntity } from '../twinnings/entities.js';
import { AuditEntity, type CycleReviewChainInput, CycleReviewKind } from './types.js';

const S = 'sponsors';
type Kind = `${CycleReviewKind}`;
type Doc = { tenantId: string; id: string; twinningId: string; year: number; status: string; version: number; updatedAt: Date };

/** The day that picks an item's chain: 1 January of its year (a 2024 proposal goes up 2024's chain, even when reviewed later). */
export const referenceDay = (year: number) => `${year}-01-01`;

const entityOf = (kind: Kind) => (kind === 'NEEDS_PROPOSAL' ? NeedsProposalEntity : YearlyPlanEntity);
const what = (kind: Kind) => (kind === 'NEEDS_PROPOSAL' ? 'Needs proposal' : 'Yearly plan');

/**
 * The reporting chain of needs proposals and yearly plans (docs/WORKFLOW.md): the acts, each one
 * audited write that locks the document, checks the caller's scope (a document outside it does not
 * exist), the version read, the chain's level and the transition, then records the transition (and,
 * for a submission, the version sent). A refusal writes nothing.
 */
export class CycleReviewService {
  /** The chain in force for the document and the caller's act on it (throws FORBIDDEN / INVALID_TRANSITION). */
  private async check(ctx: Ctx, em: EntityManager, kind: Kind, doc: Doc, act: ReviewAct) {
    const t = await em.findOne(TwinningEntity, { tenantId: doc.tenantId, id: doc.twinningId });
    if (!t || !inScope(ctx, t.sponsorId, t.communeId)) throw notFound(what(kind), { field: 'id' });
    const chain = await chainFor(em, S, doc.tenantId, t.programId, kind, referenceDay(doc.year));
    return { ...checkAct(chain, callerLevels(ctx), act, doc.status), twinning: t };
  }

  /** What a submission sends: the document and its items, as they are. */
  private async content(em: EntityManager, kind: Kind, doc: Doc & Record<string, unknown>): Promise<Record<string, unknown>> {
    const items =
      kind === 'NEEDS_PROPOSAL'
        ? await em.find(NeedsItemEntity, { tenantId: doc.tenantId, proposalId: doc.id }, { orderBy: { position: 'asc' } })
        : await em.find(PlanItemEntity, { tenantId: doc.tenantId, planId: doc.id }, { orderBy: { position: 'asc' } });
    const { tenantId: _t, ...rest } = doc;
    return { ...rest, items: items.map(({ tenantId: _x, ...i }) => i) };
  }

  /**
   * Called by the cycle service inside the write that creates a document: the caller's level must be
   * one that may send at the first step; the creation is the first transition, DRAFT → SUBMITTED, and version 1.
   */
  async created(ctx: Ctx, em: EntityManager, kind: Kind, doc: Doc & Record<string, unknown>) {
    const { level } = await this.check(ctx, em, kind, { ...doc, status: ReviewStatus.DRAFT }, 'SUBMIT');
    await recordTransition(em, S, {
      tenant: doc.tenantId, kind, itemId: doc.id, by: ctx.identity.subject, level, from: ReviewStatus.DRAFT, to: ReviewStatus.SUBMITTED,
      reason: null, itemVersion: doc.version,
    });
    await em.flush(); // the document's items first
    await recordVersion(em, S, { tenant: doc.tenantId, kind, itemId: doc.id, by: ctx.identity.subject, content: await this.content(em, kind, doc) });
  }

  /** An edit of a document's content: not once accepted (what was accepted stays as it was). */
  editable(kind: Kind, doc: { status: string }) {
    if (doc.status === ReviewStatus.ACCEPTED) {
      throw refuse(`This ${what(kind).toLowerCase()} was accepted: it is not edited any more`, 'input.id', Reason.ACCEPTED);
    }
  }

  async act(ctx: Ctx, kind: Kind, idArg: string, version: number, act: ReviewAct, reasonArg?: string | null): Promise<CycleDocRow> {
    ctx.authorize(act === 'SUBMIT' ? (kind === 'NEEDS_PROPOSAL' ? 'sponsors.write' : 'sponsors.writeOwn') : 'sponsors.review');
    const tenant = ctx.tenant;
    const id = idOf(idArg, what(kind), 'id');
    const reason = act === 'RETURN' ? returnReason(reasonArg) : null;
    const op = `${act === 'SUBMIT' ? 'resubmit' : act === 'RETURN' ? 'return' : 'accept'}${kind === 'NEEDS_PROPOSAL' ? 'NeedsProposal' : 'YearlyPlan'}`;
    return ctx.write(op, async (em) => {
      const doc = (await em.findOne(entityOf(kind) as typeof NeedsProposalEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE })) as
        | (Doc & Record<string, unknown>)
        | null;
      if (!doc) throw notFound(what(kind), { field: 'id' });
      const { level, to, twinning } = await this.check(ctx, em, kind, doc, act);
      checkVersion(doc, version, `This ${what(kind).toLowerCase()}`);
      const from = doc.status;
      doc.status = to;
      doc.version += 1;
      doc.updatedAt = new Date();
      await recordTransition(em, S, { tenant, kind, itemId: id, by: ctx.identity.subject, level, from, to, reason, itemVersion: doc.version });
      if (act === 'SUBMIT') await recordVersion(em, S, { tenant, kind, itemId: id, by: ctx.identity.subject, content: await this.content(em, kind, doc) });
      // the other side is told in this same transaction (#14 §3): submitted for review, returned, accepted
      const type = kind === 'NEEDS_PROPOSAL' ? 'NeedsProposal' : 'YearlyPlan';
      await enqueueOutbox(em, { ...cycleEvent(tenant, type, doc, twinning, ctx.identity.subject, { from, to, reason, level }), event: to as 'SUBMITTED' | 'RETURNED' | 'ACCEPTED' });
      return toRow(doc);
    });
  }

  async comment(ctx: Ctx, kind: Kind, idArg: string, textArg: string) {
    ctx.authorize('sponsors.comment');
    const tenant = ctx.tenant;
    const id = idOf(idArg, what(kind), 'id');
    const text = commentText(textArg);
    return ctx.write(kind === 'NEEDS_PROPOSAL' ? 'addNeedsProposalComment' : 'addYearlyPlanComment', async (em) => {
      const doc = (await em.findOne(entityOf(kind) as typeof NeedsProposalEntity, { tenantId: tenant, id })) as Doc | null;
      if (!doc) throw notFound(what(kind), { field: 'id' });
      const t = await em.findOne(TwinningEntity, { tenantId: tenant, id: doc.twinningId });
      if (!t || !inScope(ctx, t.sponsorId, t.communeId)) throw notFound(what(kind), { field: 'id' });
      return recordComment(em, { tenant, kind, itemId: id, by: ctx.identity.subject, level: callerLevels(ctx)[0] ?? ReviewLevel.PROVINCE, text });
    });
  }

  // ---------------------------------------------------------------- the chains (data)

  async chains(ctx: Ctx, programId?: string | null): Promise<ReviewChainStep[]> {
    ctx.authorize('sponsors.read');
    return listChains(ctx, S, Object.values(CycleReviewKind), programId);
  }

  async setChain(ctx: Ctx, input: CycleReviewChainInput): Promise<ReviewChainStep[]> {
    ctx.authorize('sponsors.configure');
    refuseScoped(ctx, 'The province’s reporting chain');
    return replaceChain(ctx, S, 'setCycleReviewChain', input, async (id) => (await idsVisible(ctx, PROGRAMS_EXIST, 'Program', [id])).has(id));
  }

  // ---------------------------------------------------------------- audit trail

  /** Who changed the entity, when, before and after — for staff, and only for an entity the caller may see. */
  async auditTrail(ctx: Ctx, entity: AuditEntity, id: string): Promise<AuditEntry[]> {
    ctx.authorize('sponsors.audit');
    const tenant = ctx.tenant;
    if (!isUuid(id)) return [];
    const key = id.toLowerCase();
    const em = await ctx.em();
    const w = tenantWhere('x', tenant);
    const visibleSql: Record<Exclude<AuditEntity, AuditEntity.REPORT>, { sql: string; params: unknown[]; name: string }> = (() => {
      const tw = sponsorScope(ctx, 't.sponsor_id');
      const own = sponsorScope(ctx, 'x.sponsor_id');
      const sp = sponsorScope(ctx, 'x.id');
      const doc = (table: string) => ({
        sql: `select 1 from sponsors.${table} x join sponsors.twinning t on t.tenant_id = x.tenant_id and t.id = x.twinning_id where ${w.sql} and x.id = ?::uuid and ${tw.sql}`,
        params: [...w.params, key, ...tw.params],
      });
      return {
        NEEDS_PROPOSAL: { ...doc('needs_proposal'), name: 'NeedsProposal' },
        YEARLY_PLAN: { ...doc('yearly_plan'), name: 'YearlyPlan' },
        TWINNING: { sql: `select 1 from sponsors.twinning x where ${w.sql} and x.id = ?::uuid and ${own.sql}`, params: [...w.params, key, ...own.params], name: 'Twinning' },
        CONTRIBUTION: { sql: `select 1 from sponsors.contribution x where ${w.sql} and x.id = ?::uuid and ${own.sql}`, params: [...w.params, key, ...own.params], name: 'Contribution' },
        SPONSOR: { sql: `select 1 from sponsors.sponsor x where ${w.sql} and x.id = ?::uuid and ${sp.sql}`, params: [...w.params, key, ...sp.params], name: 'Sponsor' },
      };
    })();
    if (entity === AuditEntity.REPORT) {
      // reports and their audit log are the evaluations subgraph's: asked as the caller, its policies decide
      const data = await ctx.peer('evaluations').query(ctx.caller, REPORT_AUDIT_TRAIL, { id: key });
      return data.reportAuditTrail.map((e) => ({ ...e, at: new Date(e.at) }));
    }
    const v = visibleSql[entity as Exclude<AuditEntity, AuditEntity.REPORT>];
    if ((await em.execute(v.sql, v.params)).length === 0) return [];
    return auditTrailOf(ctx, S, v.name, auditKey(tenant, key));
  }
}

export function toRow(d: Doc & Record<string, unknown>): CycleDocRow {
  return {
    tenantId: d.tenantId, id: d.id, twinningId: d.twinningId, year: d.year, on: (d.submittedOn ?? d.signedOn) as string,
    deadline: (d.deadline as string | null) ?? null, onTime: (d.onTime as boolean | null) ?? null, note: (d.note as string | null) ?? null,
    version: d.version, status: d.status,
  };
}

export const cycleReviewService = new CycleReviewService();
