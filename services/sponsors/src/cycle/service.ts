import {
  asDateString,
  badInput,
  checkVersion,
  conflict,
  enqueueOutbox,
  idOf,
  isUniqueViolation,
  isUuid,
  keysetPage,
  newId,
  nonNegativeVnd,
  notFound,
  optionalText,
  ownSponsor,
  type PageArgs,
  requiredText,
  tenantWhere,
  toProvenance,
  year as checkYear,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Ctx } from '../loaders.js';
import type { CycleStep } from '../common/enums.js';
import { inScope, sponsorScope } from '../common/scope.js';
import { twinningsService } from '../twinnings/service.js';
import { TwinningEntity } from '../twinnings/entities.js';
import { timelinessOf } from './deadlines.js';
import { cycleReviewService as review } from '../review/service.js';
import { cycleEvent } from './reminders.js';
import {
  CycleDeadlineEntity,
  NeedsItemEntity,
  NeedsProposalEntity,
  PlanItemEntity,
  YearlyPlanEntity,
} from './entities.js';
import { toCycleDoc, type CycleDocRow } from './rows.js';
import {
  type CycleFilter,
  type NeedsItemInput,
  NeedsProposalOrdering,
  type PlanItemInput,
  type SignYearlyPlanInput,
  type SubmitNeedsProposalInput,
  type UpdateNeedsProposalInput,
  type UpdateYearlyPlanInput,
  YearlyPlanOrdering,
} from './types.js';

const MAX_ITEMS = 200;

function needsItems(items: NeedsItemInput[], prefix: string) {
  if (items.length > MAX_ITEMS) throw badInput(`At most ${MAX_ITEMS} items`, { field: prefix });
  return items.map((it, i) => ({
    position: i,
    category: it.category,
    description: requiredText(it.description, `${prefix}[${i}].description`),
    estimatedCostVnd: nonNegativeVnd(it.estimatedCostVnd, `${prefix}[${i}].estimatedCostVnd`),
  }));
}

function planItems(items: PlanItemInput[], prefix: string) {
  if (items.length > MAX_ITEMS) throw badInput(`At most ${MAX_ITEMS} items`, { field: prefix });
  return items.map((it, i) => ({
    position: i,
    content: requiredText(it.content, `${prefix}[${i}].content`),
    place: optionalText(it.place, `${prefix}[${i}].place`, 300),
    beneficiaries: optionalText(it.beneficiaries, `${prefix}[${i}].beneficiaries`, 500),
    fundingVnd: nonNegativeVnd(it.fundingVnd, `${prefix}[${i}].fundingVnd`),
    schedule: optionalText(it.schedule, `${prefix}[${i}].schedule`, 300),
  }));
}

function checkDocYear(t: { startsOn: string; endsOn: string | null }, y: number) {
  if (t.startsOn > `${y}-12-31` || (t.endsOn !== null && t.endsOn < `${y}-01-01`)) {
    throw badInput(`The twinning does not run in ${y}`, { field: 'input.year' });
  }
}

/**
 * The yearly cycle: the commune's needs proposal and the plan both sides sign, each flagged on time
 * or late against the tenant's deadline (data in `cycle_deadline`). Lateness is recorded, never refused.
 */
/** A deadline the province sets through the API is its own setting (its `source` quoted when given). */
const SET_BY_PROVINCE = (source: string | null): Record<string, unknown> => ({
  kind: 'PROVINCE_SETTING',
  ...(source ? { quote: source } : {}),
  note: 'Đặt bởi tỉnh qua setCycleDeadline / set by the province through setCycleDeadline',
});

export class CycleService {
  async deadlines(ctx: Ctx) {
    ctx.authorize('sponsors.read');
    const em = await ctx.em();
    const w = tenantWhere('d', ctx.readTenants);
    const rows = await em.execute(`select d.* from sponsors.cycle_deadline d where ${w.sql} order by d.step`, w.params);
    return rows.map((r) => ({
      step: r.step,
      month: Number(r.month),
      day: Number(r.day),
      source: r.source ?? null,
      effectiveFrom: asDateString(r.effective_from),
      provenance: toProvenance(r.provenance),
      version: Number(r.version),
    }));
  }

  async setDeadline(ctx: Ctx, step: CycleStep, month: number, day: number, source: string | null | undefined) {
    ctx.authorize('sponsors.configure');
    const tenant = ctx.tenant;
    if (!Number.isInteger(month) || month < 1 || month > 12) throw badInput('`month` is 1 to 12', { field: 'month' });
    const max = new Date(Date.UTC(2024, month, 0)).getUTCDate(); // a leap year: 29/02 is allowed
    if (!Number.isInteger(day) || day < 1 || day > max) throw badInput(`\`day\` is 1 to ${max} for month ${month}`, { field: 'day' });
    const src = optionalText(source, 'source', 500);
    return ctx.write('setCycleDeadline', async (em) => {
      let d = await em.findOne(CycleDeadlineEntity, { tenantId: tenant, step }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (d) {
        d.month = month;
        d.day = day;
        d.source = src;
        d.provenance = SET_BY_PROVINCE(src);
        d.version += 1;
        d.updatedAt = new Date();
      } else {
        d = em.create(CycleDeadlineEntity, { tenantId: tenant, step, month, day, source: src, provenance: SET_BY_PROVINCE(src), version: 1, updatedAt: new Date() });
      }
      return {
        step: d.step,
        month: d.month,
        day: d.day,
        source: d.source ?? null,
        effectiveFrom: asDateString(d.effectiveFrom),
        provenance: toProvenance(d.provenance),
        version: d.version,
      };
    });
  }

  async removeDeadline(ctx: Ctx, step: CycleStep): Promise<boolean> {
    ctx.authorize('sponsors.configure');
    const tenant = ctx.tenant;
    return ctx.write('removeCycleDeadline', async (em) => {
      const d = await em.findOne(CycleDeadlineEntity, { tenantId: tenant, step });
      if (!d) return false;
      em.remove(d);
      return true;
    });
  }

  // --- needs proposals: the commune's document, recorded by the province's officers

  async submitNeedsProposal(ctx: Ctx, input: SubmitNeedsProposalInput): Promise<CycleDocRow> {
    ctx.authorize('sponsors.write');
    const tenant = ctx.tenant;
    const y = checkYear(input.year, 'input.year');
    const twinning = await twinningsService.visible(ctx, input.twinningId, 'input.twinningId');
    checkDocYear(twinning, y);
    const items = needsItems(input.items, 'input.items');
    const note = optionalText(input.note, 'input.note');
    return ctx
      .write('submitNeedsProposal', async (em) => {
        if ((await em.count(NeedsProposalEntity, { tenantId: tenant, twinningId: twinning.id, year: y })) > 0) {
          throw conflict(`The needs proposal of ${y} exists already; update it`, { field: 'input.year' });
        }
        const { deadline, onTime } = await timelinessOf(em, tenant, 'NEEDS_PROPOSAL', y, input.submittedOn);
        const now = new Date();
        const doc = em.create(NeedsProposalEntity, {
          tenantId: tenant, id: newId(), twinningId: twinning.id, year: y, submittedOn: input.submittedOn,
          deadline, onTime, note, status: 'SUBMITTED', version: 1, createdAt: now, updatedAt: now,
        });
        await em.flush(); // the proposal first: its items reference it
        for (const it of items) em.create(NeedsItemEntity, { tenantId: tenant, id: newId(), proposalId: doc.id, ...it });
        // sending it is the first transition of the chain; a level that may not send is refused, nothing written
        await review.created(ctx, em, 'NEEDS_PROPOSAL', doc);
        await enqueueOutbox(em, cycleEvent(tenant, 'NeedsProposal', doc, twinning, ctx.identity.subject, { submittedOn: doc.submittedOn }));
        return this.docOf(doc, doc.submittedOn);
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw conflict(`The needs proposal of ${y} exists already; update it`, { field: 'input.year' });
        throw e;
      });
  }

  async updateNeedsProposal(ctx: Ctx, input: UpdateNeedsProposalInput): Promise<CycleDocRow> {
    ctx.authorize('sponsors.write');
    const tenant = ctx.tenant;
    const id = idOf(input.id, 'Needs proposal', 'input.id');
    const items = input.items ? needsItems(input.items, 'input.items') : null;
    return ctx.write('updateNeedsProposal', async (em) => {
      const doc = await em.findOne(NeedsProposalEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!doc) throw notFound('Needs proposal', { field: 'input.id' });
      await this.checkOwn(ctx, em, tenant, doc.twinningId, 'Needs proposal');
      checkVersion(doc, input.version, 'This needs proposal');
      review.editable('NEEDS_PROPOSAL', doc);
      if (input.submittedOn != null && input.submittedOn !== doc.submittedOn) {
        doc.submittedOn = input.submittedOn;
        Object.assign(doc, await timelinessOf(em, tenant, 'NEEDS_PROPOSAL', doc.year, doc.submittedOn));
      }
      if (input.note !== undefined) doc.note = optionalText(input.note, 'input.note');
      if (items) {
        const old = await em.find(NeedsItemEntity, { tenantId: tenant, proposalId: id });
        for (const o of old) em.remove(o);
        for (const it of items) em.create(NeedsItemEntity, { tenantId: tenant, id: newId(), proposalId: id, ...it });
      }
      doc.version += 1;
      doc.updatedAt = new Date();
      return this.docOf(doc, doc.submittedOn);
    });
  }

  // --- yearly plans: signed by both sides; a sponsor may record its own

  async signYearlyPlan(ctx: Ctx, input: SignYearlyPlanInput): Promise<CycleDocRow> {
    ctx.authorize('sponsors.writeOwn');
    const tenant = ctx.tenant;
    const y = checkYear(input.year, 'input.year');
    const twinning = await twinningsService.visible(ctx, input.twinningId, 'input.twinningId');
    checkDocYear(twinning, y);
    const items = planItems(input.items, 'input.items');
    const note = optionalText(input.note, 'input.note');
    return ctx
      .write('signYearlyPlan', async (em) => {
        if ((await em.count(YearlyPlanEntity, { tenantId: tenant, twinningId: twinning.id, year: y })) > 0) {
          throw conflict(`The plan of ${y} exists already; update it`, { field: 'input.year' });
        }
        const { deadline, onTime } = await timelinessOf(em, tenant, 'YEARLY_PLAN', y, input.signedOn);
        const now = new Date();
        const doc = em.create(YearlyPlanEntity, {
          tenantId: tenant, id: newId(), twinningId: twinning.id, year: y, signedOn: input.signedOn,
          deadline, onTime, note, status: 'SUBMITTED', version: 1, createdAt: now, updatedAt: now,
        });
        await em.flush(); // the plan first: its items reference it
        for (const it of items) em.create(PlanItemEntity, { tenantId: tenant, id: newId(), planId: doc.id, ...it });
        await review.created(ctx, em, 'YEARLY_PLAN', doc);
        await enqueueOutbox(em, cycleEvent(tenant, 'YearlyPlan', doc, twinning, ctx.identity.subject, { signedOn: doc.signedOn }));
        return this.docOf(doc, doc.signedOn);
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw conflict(`The plan of ${y} exists already; update it`, { field: 'input.year' });
        throw e;
      });
  }

  async updateYearlyPlan(ctx: Ctx, input: UpdateYearlyPlanInput): Promise<CycleDocRow> {
    ctx.authorize('sponsors.writeOwn');
    const tenant = ctx.tenant;
    const id = idOf(input.id, 'Yearly plan', 'input.id');
    const items = input.items ? planItems(input.items, 'input.items') : null;
    return ctx.write('updateYearlyPlan', async (em) => {
      const doc = await em.findOne(YearlyPlanEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!doc) throw notFound('Yearly plan', { field: 'input.id' });
      await this.checkOwn(ctx, em, tenant, doc.twinningId);
      checkVersion(doc, input.version, 'This plan');
      review.editable('YEARLY_PLAN', doc);
      if (input.signedOn != null && input.signedOn !== doc.signedOn) {
        doc.signedOn = input.signedOn;
        Object.assign(doc, await timelinessOf(em, tenant, 'YEARLY_PLAN', doc.year, doc.signedOn));
      }
      if (input.note !== undefined) doc.note = optionalText(input.note, 'input.note');
      if (items) {
        const old = await em.find(PlanItemEntity, { tenantId: tenant, planId: id });
        for (const o of old) em.remove(o);
        for (const it of items) em.create(PlanItemEntity, { tenantId: tenant, id: newId(), planId: id, ...it });
      }
      doc.version += 1;
      doc.updatedAt = new Date();
      return this.docOf(doc, doc.signedOn);
    });
  }

  /** A sponsor identity's plan must be under one of its own twinnings: others do not exist for it. */
  private async checkOwn(ctx: Ctx, em: EntityManager, tenant: string, twinningId: string, what = 'Yearly plan') {
    if (ownSponsor(ctx) === undefined && !ctx.isScoped) return;
    const t = await em.findOne(TwinningEntity, { tenantId: tenant, id: twinningId });
    if (!t || !inScope(ctx, t.sponsorId, t.communeId)) throw notFound(what, { field: 'input.id' });
  }

  private docOf(
    d: { tenantId: string; id: string; twinningId: string; year: number; deadline?: string | null; onTime?: boolean | null; note?: string | null; version: number; status: string },
    on: string,
  ): CycleDocRow {
    return {
      tenantId: d.tenantId, id: d.id, twinningId: d.twinningId, year: d.year, on,
      deadline: d.deadline ?? null, onTime: d.onTime ?? null, note: d.note ?? null, version: d.version, status: d.status,
    };
  }

  /** Needs proposals or plans, a page at a time, newest year first. */
  async list(
    ctx: Ctx,
    table: 'needs_proposal' | 'yearly_plan',
    filter: CycleFilter | null | undefined,
    page: PageArgs,
  ) {
    ctx.authorize('sponsors.read');
    const order =
      table === 'needs_proposal'
        ? NeedsProposalOrdering.resolve(page.orderBy as PageArgs<keyof typeof NeedsProposalOrdering.Field>['orderBy'])
        : YearlyPlanOrdering.resolve(page.orderBy as PageArgs<keyof typeof YearlyPlanOrdering.Field>['orderBy']);
    const w = tenantWhere('d', ctx.readTenants);
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const where = [w.sql, scope.sql];
    const params: unknown[] = [...w.params, ...scope.params];
    if (filter?.year != null) {
      where.push('d.year = ?');
      params.push(checkYear(filter.year, 'filter.year'));
    }
    for (const [value, column] of [
      [filter?.sponsorId, 't.sponsor_id'],
      [filter?.programId, 't.program_id'],
      [filter?.twinningId, 'd.twinning_id'],
    ] as const) {
      if (value == null) continue;
      if (!isUuid(value)) where.push('false');
      else {
        where.push(`${column} = ?::uuid`);
        params.push(value.toLowerCase());
      }
    }
    if (filter?.timeliness != null) {
      where.push(filter.timeliness === 'NO_DEADLINE' ? 'd.on_time is null' : 'd.on_time = ?');
      if (filter.timeliness !== 'NO_DEADLINE') params.push(filter.timeliness === 'ON_TIME');
    }
    return keysetPage(await ctx.em(), {
      list: `select d.* from sponsors.${table} d
               join sponsors.twinning t on t.tenant_id = d.tenant_id and t.id = d.twinning_id
              where ${where.join(' and ')}`,
      params,
      order,
      page,
      toNode: toCycleDoc,
    });
  }
}

export const cycleService = new CycleService();
