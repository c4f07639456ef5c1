import {
  AppError,
  badInput,
  checkVersion,
  conflict,
  ErrorCode,
  idOf,
  isUniqueViolation,
  keysetPage,
  newId,
  notFound,
  ownSponsor,
  type PageArgs,
  requiredText,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Ctx } from '../loaders.js';
import { ContributionStatus } from '../common/enums.js';
import { inScope } from '../common/scope.js';
import { sponsorNameColumn } from '../common/sql.js';
import { TwinningEntity } from '../twinnings/entities.js';
import { toTwinning } from '../twinnings/rows.js';
import { twinningsService } from '../twinnings/service.js';
import { ContributionEntity, IdempotencyKeyEntity, type Contribution } from './entities.js';
import { canonicalHash, fieldProblems, twinningProblems, type ContributionFields, type FieldProblem } from './fields.js';
import { contributionQuery, contributionTotals } from './query.js';
import { CONTRIBUTION_COLUMNS, toContribution, type ContributionRow } from './rows.js';
import {
  ContributionGroupBy,
  ContributionOrdering,
  type ContributionFilter,
  type RecordContributionInput,
  type ReverseContributionInput,
  type UpdateContributionInput,
} from './types.js';

const OPERATION = 'recordContribution';
const KEY_RE = /^[\x21-\x7e]{1,200}$/;

function fieldsOf(input: RecordContributionInput): ContributionFields {
  return {
    twinningId: input.twinningId.trim().toLowerCase(),
    contributedOn: input.contributedOn,
    category: input.category,
    description: (input.description ?? '').normalize('NFC').trim(),
    cashVnd: input.cashVnd ?? 0n,
    inKindVnd: input.inKindVnd ?? 0n,
    poorHouseholdsHelped: input.poorHouseholdsHelped ?? 0,
    modelsBuilt: input.modelsBuilt ?? 0,
    modelKind: input.modelKind ?? null,
    peopleTrained: input.peopleTrained ?? 0,
    beneficiaries: input.beneficiaries ?? 0,
    status: input.status ?? ContributionStatus.DONE,
  };
}

/** The first problem as the coded GraphQL error of the API (imports list them all instead). */
function raise(problems: FieldProblem[], prefix = 'input'): void {
  const p = problems[0];
  if (!p) return;
  const field = `${prefix}.${p.field}`;
  if (p.code === 'NOT_FOUND') throw notFound('Twinning', { field });
  throw new AppError(ErrorCode[p.code], `Cannot record this contribution: ${p.message}`, { field });
}

const toRow = (c: Contribution): ContributionRow => ({
  tenantId: c.tenantId,
  id: c.id,
  twinningId: c.twinningId,
  sponsorId: c.sponsorId,
  communeId: c.communeId,
  programId: c.programId,
  contributedOn: c.contributedOn,
  category: c.category,
  description: c.description,
  cashVnd: BigInt(c.cashVnd),
  inKindVnd: BigInt(c.inKindVnd),
  poorHouseholdsHelped: c.poorHouseholdsHelped,
  modelsBuilt: c.modelsBuilt,
  modelKind: c.modelKind ?? null,
  peopleTrained: c.peopleTrained,
  beneficiaries: c.beneficiaries,
  status: c.status,
  reversesId: c.reversesId ?? null,
  reversalReason: c.reversalReason ?? null,
  importBatchId: c.importBatchId ?? null,
  createdBy: c.createdBy,
  version: c.version,
  createdAt: c.createdAt,
});

/** A new contribution entity from checked fields (shared with imports). */
export function createContribution(
  em: EntityManager,
  tenant: string,
  twinning: { id: string; sponsorId: string; communeId: string; programId: string },
  f: ContributionFields,
  createdBy: string,
  extra: Partial<Pick<Contribution, 'reversesId' | 'reversalReason' | 'importBatchId'>> = {},
): Contribution {
  const now = new Date();
  return em.create(ContributionEntity, {
    tenantId: tenant,
    id: newId(),
    twinningId: twinning.id,
    sponsorId: twinning.sponsorId,
    communeId: twinning.communeId,
    programId: twinning.programId,
    contributedOn: f.contributedOn,
    category: f.category,
    description: f.description,
    cashVnd: f.cashVnd,
    inKindVnd: f.inKindVnd,
    poorHouseholdsHelped: f.poorHouseholdsHelped,
    modelsBuilt: f.modelsBuilt,
    modelKind: f.modelKind,
    peopleTrained: f.peopleTrained,
    beneficiaries: f.beneficiaries,
    status: f.status,
    reversesId: extra.reversesId ?? null,
    reversalReason: extra.reversalReason ?? null,
    importBatchId: extra.importBatchId ?? null,
    createdBy,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

export class ContributionsService {
  /**
   * Records a contribution exactly once per idempotency key. The key is scoped to the caller's
   * sponsor (a partner) or to the province's staff. Same key, same canonical payload: the first
   * result, nothing written. Same key, other payload: CONFLICT. Two identical requests racing: the
   * key's primary key lets one insert; the other waits for it, fails, and answers the first result.
   */
  async record(ctx: Ctx, input: RecordContributionInput, idempotencyKey: string): Promise<ContributionRow> {
    ctx.authorize('sponsors.writeOwn');
    const tenant = ctx.tenant;
    if (!KEY_RE.test(idempotencyKey)) {
      throw badInput('`idempotencyKey` is 1 to 200 visible ASCII characters (a UUID is a good choice)', { field: 'idempotencyKey' });
    }
    const fields = fieldsOf(input);
    if (fields.status === ContributionStatus.VERIFIED) ctx.authorize('sponsors.verify');
    raise(fieldProblems(fields));
    const hash = canonicalHash(fields);
    const scope = this.keyScope(ctx);

    const prior = await this.prior(ctx, scope, idempotencyKey);
    if (prior) return this.replay(ctx, prior, hash);

    const twinning = await twinningsService.visible(ctx, fields.twinningId, 'input.twinningId');
    raise(twinningProblems(twinning, fields.contributedOn));
    try {
      return await ctx.write(OPERATION, async (em) => {
        const c = createContribution(em, tenant, twinning, fields, ctx.identity.subject);
        await em.flush();
        em.create(IdempotencyKeyEntity, {
          tenantId: tenant,
          operation: OPERATION,
          scope,
          key: idempotencyKey,
          payloadHash: hash,
          contributionId: c.id,
          createdBy: ctx.identity.subject,
          createdAt: new Date(),
        });
        return toRow(c);
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.prior(ctx, scope, idempotencyKey);
      if (!winner) throw e;
      return this.replay(ctx, winner, hash);
    }
  }

  private keyScope(ctx: Ctx): string {
    const own = ownSponsor(ctx);
    return own ? `sponsor:${own}` : 'staff';
  }

  private async prior(ctx: Ctx, scope: string, key: string) {
    const em = await ctx.em();
    const rows = await em.execute(
      `select payload_hash, contribution_id from sponsors.idempotency_key
        where tenant_id = ? and operation = ? and scope = ? and key = ?`,
      [ctx.tenant, OPERATION, scope, key],
    );
    const r = rows[0];
    return r ? { hash: r.payload_hash as string, contributionId: r.contribution_id as string } : null;
  }

  private async replay(ctx: Ctx, prior: { hash: string; contributionId: string }, hash: string): Promise<ContributionRow> {
    if (prior.hash !== hash) {
      throw conflict('This idempotency key was used with a different payload; use a new key for a new contribution', {
        field: 'idempotencyKey',
      });
    }
    const row = await ctx.loaders.contributionById.load(prior.contributionId);
    if (!row) throw notFound('Contribution', { field: 'idempotencyKey' });
    return row;
  }

  /** Changes a PLANNED or DONE contribution. A VERIFIED one is final: CONFLICT, reverse it instead. */
  async update(ctx: Ctx, input: UpdateContributionInput): Promise<ContributionRow> {
    ctx.authorize('sponsors.writeOwn');
    const tenant = ctx.tenant;
    const id = idOf(input.id, 'Contribution', 'input.id');
    if (input.status === ContributionStatus.VERIFIED) {
      throw badInput('Verify a contribution with verifyContribution', { field: 'input.status' });
    }
    return ctx.write('updateContribution', async (em) => {
      const c = await this.lockVisible(ctx, em, tenant, id, 'input.id');
      if (c.status === ContributionStatus.VERIFIED) {
        throw conflict('This contribution is verified: it is never edited; correct it with reverseContribution', {
          field: 'input.id',
          reason: 'VERIFIED',
        });
      }
      checkVersion(c, input.version, 'This contribution');
      const f: ContributionFields = {
        twinningId: c.twinningId,
        contributedOn: input.contributedOn ?? c.contributedOn,
        category: input.category ?? c.category,
        description: input.description != null ? input.description.normalize('NFC').trim() : c.description,
        cashVnd: input.cashVnd ?? BigInt(c.cashVnd),
        inKindVnd: input.inKindVnd ?? BigInt(c.inKindVnd),
        poorHouseholdsHelped: input.poorHouseholdsHelped ?? c.poorHouseholdsHelped,
        modelsBuilt: input.modelsBuilt ?? c.modelsBuilt,
        modelKind: input.modelKind !== undefined ? input.modelKind : (c.modelKind ?? null),
        peopleTrained: input.peopleTrained ?? c.peopleTrained,
        beneficiaries: input.beneficiaries ?? c.beneficiaries,
        status: input.status ?? c.status,
      };
      raise(fieldProblems(f));
      const t = await em.findOne(TwinningEntity, { tenantId: tenant, id: c.twinningId });
      raise(twinningProblems(toTwinning({ ...snake(t!) }), f.contributedOn));
      Object.assign(c, {
        contributedOn: f.contributedOn, category: f.category, description: f.description, cashVnd: f.cashVnd,
        inKindVnd: f.inKindVnd, poorHouseholdsHelped: f.poorHouseholdsHelped, modelsBuilt: f.modelsBuilt,
        modelKind: f.modelKind, peopleTrained: f.peopleTrained, beneficiaries: f.beneficiaries, status: f.status,
      });
      c.version += 1;
      c.updatedAt = new Date();
      ctx.loaders.contributionById.clear(id);
      return toRow(c);
    });
  }

  /** DONE → VERIFIED (officers and admins). From then on the record is final. */
  async verify(ctx: Ctx, id: string, version: number): Promise<ContributionRow> {
    ctx.authorize('sponsors.verify');
    const tenant = ctx.tenant;
    const cid = idOf(id, 'Contribution', 'id');
    return ctx.write('verifyContribution', async (em) => {
      const c = await this.lockVisible(ctx, em, tenant, cid, 'id');
      if (c.status === ContributionStatus.VERIFIED) throw conflict('This contribution is verified already', { field: 'id' });
      if (c.status !== ContributionStatus.DONE) throw conflict('Only a DONE contribution can be verified', { field: 'id' });
      checkVersion(c, version, 'This contribution');
      c.status = ContributionStatus.VERIFIED;
      c.version += 1;
      c.updatedAt = new Date();
      ctx.loaders.contributionById.clear(cid);
      return toRow(c);
    });
  }

  /**
   * Corrects a VERIFIED contribution: a reversal (the same twinning, date and category, every figure
   * negated, linked to the original by `reverses_id`, with the reason) and, optionally, the corrected
   * record — one audited operation. The original is not touched; a contribution is reversed once.
   */
  async reverse(ctx: Ctx, input: ReverseContributionInput) {
    ctx.authorize('sponsors.verify');
    const tenant = ctx.tenant;
    const id = idOf(input.id, 'Contribution', 'input.id');
    const reason = requiredText(input.reason, 'input.reason', 1000);
    const replacement = input.replacement ? fieldsOf(input.replacement) : null;
    if (replacement) raise(fieldProblems(replacement), 'input.replacement');
    try {
      return await ctx.write('reverseContribution', async (em) => {
        const original = await this.lockVisible(ctx, em, tenant, id, 'input.id');
        if (original.status !== ContributionStatus.VERIFIED) {
          throw conflict('Only a VERIFIED contribution is reversed; a PLANNED or DONE one is simply updated', { field: 'input.id' });
        }
        if (original.reversesId) throw conflict('A reversal is not reversed; record the contribution again', { field: 'input.id' });
        checkVersion(original, input.version, 'This contribution');
        const already = await em.count(ContributionEntity, { tenantId: tenant, reversesId: id });
        if (already > 0) throw conflict('This contribution has been reversed already', { field: 'input.id' });
        const twinning = { id: original.twinningId, sponsorId: original.sponsorId, communeId: original.communeId, programId: original.programId };
        if (replacement) {
          if (replacement.twinningId !== original.twinningId) {
            throw badInput('The corrected record belongs to the same twinning', { field: 'input.replacement.twinningId' });
          }
          const t = await em.findOne(TwinningEntity, { tenantId: tenant, id: original.twinningId });
          raise(twinningProblems(toTwinning(snake(t!)), replacement.contributedOn), 'input.replacement');
        }
        const reversal = createContribution(
          em,
          tenant,
          twinning,
          {
            twinningId: original.twinningId,
            contributedOn: original.contributedOn,
            category: original.category,
            description: `Đảo bút toán / reversal: ${original.description}`.slice(0, 2000),
            cashVnd: -BigInt(original.cashVnd),
            inKindVnd: -BigInt(original.inKindVnd),
            poorHouseholdsHelped: -original.poorHouseholdsHelped,
            modelsBuilt: -original.modelsBuilt,
            modelKind: original.modelKind ?? null,
            peopleTrained: -original.peopleTrained,
            beneficiaries: -original.beneficiaries,
            status: ContributionStatus.VERIFIED,
          },
          ctx.identity.subject,
          { reversesId: id, reversalReason: reason },
        );
        let replaced: Contribution | null = null;
        if (replacement) replaced = createContribution(em, tenant, twinning, replacement, ctx.identity.subject);
        return { original: toRow(original), reversal: toRow(reversal), replacement: replaced ? toRow(replaced) : null };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('This contribution has been reversed already', { field: 'input.id' });
      throw e;
    }
  }

  /** Loads a contribution for writing (row lock), as "not found" when the caller may not see it. */
  private async lockVisible(ctx: Ctx, em: EntityManager, tenant: string, id: string, field: string): Promise<Contribution> {
    const c = await em.findOne(ContributionEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!c || !inScope(ctx, c.sponsorId, c.communeId)) throw notFound('Contribution', { field });
    return c;
  }

  async get(ctx: Ctx, id: string): Promise<ContributionRow | null> {
    ctx.authorize('sponsors.read');
    return ctx.loaders.contributionById.load(id);
  }

  /** Contributions, newest first, a page at a time. */
  async list(ctx: Ctx, filter: ContributionFilter | null | undefined, page: PageArgs<keyof typeof ContributionOrdering.Field>) {
    ctx.authorize('sponsors.read');
    const order = ContributionOrdering.resolve(page.orderBy);
    const q = await contributionQuery(ctx, filter, new Set(), 'list');
    return keysetPage(await ctx.em(), {
      with: q.withSql ? { sql: q.withSql.replace(/^\s*with\s+/i, ''), params: q.withParams } : undefined,
      list: `select ${CONTRIBUTION_COLUMNS}, c.cash_vnd + c.in_kind_vnd as total_vnd${sponsorNameColumn(order, 'c')} from sponsors.contribution c ${q.joins.join(' ')} where ${q.where.join(' and ')}`,
      params: q.params,
      order,
      page,
      toNode: toContribution,
    });
  }

  /**
   * `contributionTotals`: ONE statement, grouped and summed by PostgreSQL. Money sums stay exact
   * (numeric → text → bigint); a reversal's negative figures cancel the original's, and it counts −1.
   */
  async totals(ctx: Ctx, filter: ContributionFilter | null | undefined, groupBy: ContributionGroupBy[]) {
    ctx.authorize('sponsors.aggregate');
    return contributionTotals(ctx, filter, groupBy);
  }
}

/** An ORM twinning as the raw-row shape `toTwinning` reads. */
function snake(t: InstanceType<typeof Object> & Record<string, any>): Record<string, unknown> {
  return {
    tenant_id: t.tenantId, id: t.id, code: t.code, sponsor_id: t.sponsorId, commune_id: t.communeId,
    program_id: t.programId, signed_on: t.signedOn, starts_on: t.startsOn, ends_on: t.endsOn, status: t.status,
    successor_commune_id: t.successorCommuneId, note: t.note, version: t.version,
  };
}

export const contributionsService = new ContributionsService();
