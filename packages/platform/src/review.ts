import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { RequestContext } from './context.js';
import { AppError, badInput, ErrorCode } from './errors.js';
import { groupedLoader } from './loaders.js';
import { newId, isUuid } from './ids.js';
import { ownSponsor } from './ownership.js';
import { Provenance, toProvenance, type ProvenanceData } from './provenance.js';
import { Reason } from './reasons.js';
import { scopeRls, tenantTableRls } from './rls.js';
import { pgArray } from './sql.js';
import { seedIds } from './ids.js';
import type { SeedClient } from './seeding.js';
import { DateScalar } from './scalars.js';
import { idOf, refuse, requiredText } from './validate.js';

/**
 * The reporting chain (issue #14 §2, docs/WORKFLOW.md): needs proposals, yearly plans and periodic
 * reports move DRAFT → SUBMITTED → (RETURNED → SUBMITTED)* → ACCEPTED. Who may submit, return and
 * accept at each level is data per tenant, programme and kind of item (`review_chain`); every
 * transition is a row (`review_transition`), every submission keeps the content it sent
 * (`review_version`), comments are rows (`review_comment`). Each subgraph that owns items has these
 * four tables in its own schema (`reviewTablesSql`) and these entities in its ORM; the state itself
 * is a `status` column of the item.
 */

export enum ReviewStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'Where an item is in its reporting chain (docs/WORKFLOW.md).',
  valuesConfig: {
    DRAFT: { description: 'Not sent yet.' },
    SUBMITTED: { description: 'Sent; waiting for review.' },
    RETURNED: { description: 'Sent back with a reason; the sender corrects and submits again.' },
    ACCEPTED: { description: 'Accepted by the level that accepts: final.' },
  },
});

export enum ReviewLevel {
  COMMUNE = 'COMMUNE',
  DISTRICT = 'DISTRICT',
  AGENCY = 'AGENCY',
  PROVINCE = 'PROVINCE',
}
registerEnumType(ReviewLevel, {
  name: 'ReviewLevel',
  description:
    'A level of the chain, from the caller’s unit scope: commune:, district:, agency: (or a sponsor identity: AGENCY); no scope: PROVINCE.',
});

/** What a caller does to an item. */
export type ReviewAct = 'SUBMIT' | 'RETURN' | 'ACCEPT';

/** The transitions: from which states each act may go, and where to. Anything else is INVALID_TRANSITION. */
export const REVIEW_TRANSITIONS: Record<ReviewAct, { from: readonly ReviewStatus[]; to: ReviewStatus }> = {
  SUBMIT: { from: [ReviewStatus.DRAFT, ReviewStatus.RETURNED], to: ReviewStatus.SUBMITTED },
  RETURN: { from: [ReviewStatus.SUBMITTED], to: ReviewStatus.RETURNED },
  ACCEPT: { from: [ReviewStatus.SUBMITTED], to: ReviewStatus.ACCEPTED },
};

// ------------------------------------------------------------------ tables

const CHAIN_KINDS = `('NEEDS_PROPOSAL', 'YEARLY_PLAN', 'REPORT')`;

/**
 * The four tables of the chain in `schema`, with the tenant policies; `itemVisible` is SQL (over the
 * columns `item_kind`, `item_id`) true when the item is one the caller may see: the `unit_scope`
 * policy of transitions, versions and comments follows their item (whose own policies decide).
 */
export function reviewTablesSql(schema: string, itemVisible: (table: string) => string): string[] {
  const S = `"${schema}"`;
  return [
    `create table ${S}.review_chain (
      tenant_id text not null,
      id uuid not null,
      program_id uuid not null,
      item_kind text not null check (item_kind in ${CHAIN_KINDS}),
      valid_from date,
      valid_until date,
      position int not null check (position >= 0),
      level text not null check (level in ('COMMUNE', 'DISTRICT', 'AGENCY', 'PROVINCE')),
      may_submit boolean not null default false,
      may_return boolean not null default false,
      may_accept boolean not null default false,
      provenance jsonb not null check (jsonb_typeof(provenance) = 'object' and provenance->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')),
      version int not null default 1,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      check (valid_until is null or valid_from is null or valid_until > valid_from)
    )`,
    `create unique index review_chain_level on ${S}.review_chain (tenant_id, program_id, item_kind, coalesce(valid_from, '-infinity'::date), level)`,
    ...tenantTableRls(schema, 'review_chain'),
    `create table ${S}.review_transition (
      tenant_id text not null,
      id uuid not null,
      item_kind text not null check (item_kind in ${CHAIN_KINDS}),
      item_id uuid not null,
      seq int not null check (seq >= 1),
      at timestamptz not null default now(),
      by text not null,
      by_level text not null,
      from_status text not null check (from_status in ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED')),
      to_status text not null check (to_status in ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED')),
      reason text,
      item_version int not null,
      primary key (tenant_id, id),
      unique (tenant_id, item_id, seq),
      check (to_status <> 'RETURNED' or length(reason) >= 10)
    )`,
    ...tenantTableRls(schema, 'review_transition'),
    ...scopeRls(schema, 'review_transition', itemVisible('review_transition')),
    `create table ${S}.review_version (
      tenant_id text not null,
      id uuid not null,
      item_kind text not null check (item_kind in ${CHAIN_KINDS}),
      item_id uuid not null,
      number int not null check (number >= 1),
      submitted_at timestamptz not null default now(),
      submitted_by text not null,
      content jsonb not null,
      primary key (tenant_id, id),
      unique (tenant_id, item_id, number)
    )`,
    ...tenantTableRls(schema, 'review_version'),
    ...scopeRls(schema, 'review_version', itemVisible('review_version')),
    `create table ${S}.review_comment (
      tenant_id text not null,
      id uuid not null,
      item_kind text not null check (item_kind in ${CHAIN_KINDS}),
      item_id uuid not null,
      at timestamptz not null default now(),
      by text not null,
      by_level text not null,
      text text not null check (length(text) between 1 and 4000),
      primary key (tenant_id, id)
    )`,
    `create index review_comment_item on ${S}.review_comment (tenant_id, item_id, at)`,
    ...tenantTableRls(schema, 'review_comment'),
    ...scopeRls(schema, 'review_comment', itemVisible('review_comment')),
    // history, versions and comments are kept: the service may add, never change or remove
    `revoke update, delete, truncate on ${S}.review_transition, ${S}.review_version, ${S}.review_comment from "kn_${schema}_app"`,
  ];
}

/** SQL of a `unit_scope` condition over `table` (a review table): its item, of `kind` in `itemTable`, is visible. */
export const reviewItemExists = (schema: string, table: string, kind: string, itemTable: string) =>
  `(${table}.item_kind = '${kind}' and exists (select 1 from "${schema}".${itemTable} x where x.tenant_id = ${table}.tenant_id and x.id = ${table}.item_id))`;

export const ReviewChainEntity = defineEntity({
  name: 'ReviewChainStep',
  tableName: 'review_chain',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    itemKind: p.string().fieldName('item_kind'),
    validFrom: p.string().columnType('date').nullable().fieldName('valid_from'),
    validUntil: p.string().columnType('date').nullable().fieldName('valid_until'),
    position: p.integer(),
    level: p.string(),
    maySubmit: p.boolean().fieldName('may_submit'),
    mayReturn: p.boolean().fieldName('may_return'),
    mayAccept: p.boolean().fieldName('may_accept'),
    provenance: p.json<Record<string, unknown>>(),
    version: p.integer(),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});

export const ReviewTransitionEntity = defineEntity({
  name: 'ReviewTransition',
  tableName: 'review_transition',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    itemKind: p.string().fieldName('item_kind'),
    itemId: p.uuid().fieldName('item_id'),
    seq: p.integer(),
    at: p.datetime(),
    by: p.string(),
    byLevel: p.string().fieldName('by_level'),
    fromStatus: p.string().fieldName('from_status'),
    toStatus: p.string().fieldName('to_status'),
    reason: p.text().nullable(),
    itemVersion: p.integer().fieldName('item_version'),
  },
});

export const ReviewVersionEntity = defineEntity({
  name: 'ReviewVersion',
  tableName: 'review_version',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    itemKind: p.string().fieldName('item_kind'),
    itemId: p.uuid().fieldName('item_id'),
    number: p.integer(),
    submittedAt: p.datetime().fieldName('submitted_at'),
    submittedBy: p.string().fieldName('submitted_by'),
    content: p.json<Record<string, unknown>>(),
  },
});

export const ReviewCommentEntity = defineEntity({
  name: 'ReviewComment',
  tableName: 'review_comment',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    itemKind: p.string().fieldName('item_kind'),
    itemId: p.uuid().fieldName('item_id'),
    at: p.datetime(),
    by: p.string(),
    byLevel: p.string().fieldName('by_level'),
    text: p.text(),
  },
});

/** The entities of the chain, for a subgraph's ORM list. */
export const REVIEW_ENTITIES = [ReviewChainEntity, ReviewTransitionEntity, ReviewVersionEntity, ReviewCommentEntity];
export type ReviewChainRow = InferEntity<typeof ReviewChainEntity>;

// ------------------------------------------------------------------ GraphQL types (every subgraph with items declares them)

@Directive('@shareable')
@ObjectType({ description: 'One transition of an item: who moved it, when, from which state to which, why (a return always says why).' })
export class ReviewTransition {
  @Field(() => Date) at!: Date;
  @Field(() => String, { description: 'The subject of the token that acted.' }) by!: string;
  @Field(() => ReviewLevel, { description: 'The level it acted at.' }) byLevel!: ReviewLevel;
  @Field(() => ReviewStatus) from!: ReviewStatus;
  @Field(() => ReviewStatus) to!: ReviewStatus;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Int, { description: 'The item’s version after the transition.' }) itemVersion!: number;
}

@Directive('@shareable')
@ObjectType({ description: 'A comment on an item, visible to both sides of it (who sends, who reviews). Audited; never edited.' })
export class ReviewComment {
  @Field(() => ID) id!: string;
  @Field(() => Date) at!: Date;
  @Field(() => String) by!: string;
  @Field(() => ReviewLevel) byLevel!: ReviewLevel;
  @Field(() => String) text!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'What one submission sent, kept as it was: a returned and corrected item keeps every earlier version.' })
export class ReviewVersion {
  @Field(() => Int, { description: '1 for the first submission.' }) number!: number;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => String) submittedBy!: string;
  @Field(() => String, { description: 'The item as sent, as JSON.' }) content!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'A level of a reporting chain and what it may do, in force between two days (data, per programme and kind of item).' })
export class ReviewChainStep {
  @Field(() => ID) id!: string;
  @Field(() => ID) programId!: string;
  @Field(() => String, { description: 'NEEDS_PROPOSAL, YEARLY_PLAN or REPORT.' }) itemKind!: string;
  @Field(() => DateScalar, { nullable: true, description: 'In force for items whose reference day is on or after it (none: always).' })
  validFrom!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'In force for items whose reference day is before it (none: still).' })
  validUntil!: string | null;
  @Field(() => Int) position!: number;
  @Field(() => ReviewLevel) level!: ReviewLevel;
  @Field(() => Boolean) maySubmit!: boolean;
  @Field(() => Boolean) mayReturn!: boolean;
  @Field(() => Boolean) mayAccept!: boolean;
  @Field(() => Provenance) provenance!: Provenance;
  @Field(() => Int) version!: number;
}

@Directive('@shareable')
@ObjectType({ description: 'One audited change of an entity: who, when, in which operation, the row before and after (JSON).' })
export class AuditEntry {
  @Field(() => Date) at!: Date;
  @Field(() => String) actor!: string;
  @Field(() => [String]) actorRoles!: string[];
  @Field(() => String, { description: 'token, apiKey or service.' }) via!: string;
  @Field(() => String, { description: 'The mutation (or seed) that changed it.' }) operation!: string;
  @Field(() => String, { description: 'create, update or delete.' }) type!: string;
  @Field(() => String, { nullable: true, description: 'The row before, as JSON (null when created).' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'The row after, as JSON (null when deleted).' }) after!: string | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
}

@InputType({ description: 'A level of a reporting chain and what it may do.' })
export class ReviewChainStepInput {
  @Field(() => ReviewLevel) level!: ReviewLevel;
  @Field(() => Boolean, { defaultValue: false }) maySubmit!: boolean;
  @Field(() => Boolean, { defaultValue: false }) mayReturn!: boolean;
  @Field(() => Boolean, { defaultValue: false }) mayAccept!: boolean;
}

// ------------------------------------------------------------------ the rules

export interface ChainStep {
  level: ReviewLevel;
  maySubmit: boolean;
  mayReturn: boolean;
  mayAccept: boolean;
}

/**
 * Where no chain is configured for the programme and kind: what the platform did before the chain
 * existed — the province records, returns and accepts; a sponsor sends its own plans and reports.
 */
export function defaultChain(kind: string): ChainStep[] {
  const province: ChainStep = { level: ReviewLevel.PROVINCE, maySubmit: true, mayReturn: true, mayAccept: true };
  if (kind === 'NEEDS_PROPOSAL') return [province];
  return [{ level: ReviewLevel.AGENCY, maySubmit: true, mayReturn: false, mayAccept: false }, province];
}

/** The caller's levels: PROVINCE when not narrowed; else the kinds of its scope's units (a sponsor identity: AGENCY). */
export function callerLevels(ctx: RequestContext<unknown>): ReviewLevel[] {
  const levels = new Set<ReviewLevel>();
  if (ownSponsor(ctx) !== undefined) levels.add(ReviewLevel.AGENCY);
  const scope = ctx.identity.scope;
  if (scope) {
    for (const u of scope.units) levels.add(u.kind === 'commune' ? ReviewLevel.COMMUNE : u.kind === 'district' ? ReviewLevel.DISTRICT : ReviewLevel.AGENCY);
  }
  if (levels.size === 0) levels.add(ReviewLevel.PROVINCE);
  return [...levels];
}

/** The chain in force for an item of `kind` of `programId` whose reference day is `day` (`defaultChain` when none is configured). */
export async function chainFor(em: EntityManager, schema: string, tenant: string, programId: string, kind: string, day: string): Promise<ChainStep[]> {
  const rows = await em.execute(
    `select level, may_submit, may_return, may_accept from "${schema}".review_chain
      where tenant_id = ? and program_id = ?::uuid and item_kind = ?
        and (valid_from is null or valid_from <= ?::date) and (valid_until is null or valid_until > ?::date)
      order by position`,
    [tenant, programId, kind, day, day],
  );
  if (rows.length === 0) return defaultChain(kind);
  return rows.map((r) => ({ level: r.level as ReviewLevel, maySubmit: Boolean(r.may_submit), mayReturn: Boolean(r.may_return), mayAccept: Boolean(r.may_accept) }));
}

const MAY: Record<ReviewAct, keyof Omit<ChainStep, 'level'>> = { SUBMIT: 'maySubmit', RETURN: 'mayReturn', ACCEPT: 'mayAccept' };

/**
 * Checks that the caller may do `act` to an item in `status` under `chain`: FORBIDDEN (`WRONG_LEVEL`)
 * when none of its levels may, then CONFLICT (`INVALID_TRANSITION`) when the state does not allow
 * the act. Returns the level it acts at and the new state. Nothing is written before this passes.
 */
export function checkAct(chain: readonly ChainStep[], levels: readonly ReviewLevel[], act: ReviewAct, status: string) {
  const step = chain.find((s) => levels.includes(s.level) && s[MAY[act]]);
  if (!step) {
    throw new AppError(ErrorCode.FORBIDDEN, `At your level (${levels.join(', ')}) this chain does not let you ${act.toLowerCase()} this item`, {
      reason: Reason.WRONG_LEVEL,
      levels: chain.filter((s) => s[MAY[act]]).map((s) => s.level),
    });
  }
  const t = REVIEW_TRANSITIONS[act];
  if (!t.from.includes(status as ReviewStatus)) {
    throw refuse(`An item ${status} cannot be ${act === 'SUBMIT' ? 'submitted' : act === 'RETURN' ? 'returned' : 'accepted'}`, 'id', Reason.INVALID_TRANSITION, {
      status,
    });
  }
  return { level: step.level, to: t.to };
}

/** A return's reason: required, at least 10 characters (it is what the sender reads). */
export function returnReason(text: string | null | undefined, field = 'reason'): string {
  const reason = requiredText(text, field, 2000);
  if (reason.length < 10) throw refuse('Say why it is returned (at least 10 characters): the sender reads it', field, Reason.REASON);
  return reason;
}

/** A comment's text: 1 to 4000 characters. */
export const commentText = (text: string | null | undefined, field = 'text') => requiredText(text, field, 4000);

/** Records one transition of an item (inside `ctx.write`): its next sequence number, who, at which level. */
export async function recordTransition(
  em: EntityManager,
  schema: string,
  t: { tenant: string; kind: string; itemId: string; by: string; level: ReviewLevel; from: string; to: string; reason: string | null; itemVersion: number },
): Promise<void> {
  const [row] = await em.execute(`select coalesce(max(seq), 0) + 1 as n from "${schema}".review_transition where tenant_id = ? and item_id = ?::uuid`, [
    t.tenant,
    t.itemId,
  ]);
  em.create(ReviewTransitionEntity, {
    tenantId: t.tenant, id: newId(), itemKind: t.kind, itemId: t.itemId, seq: Number(row?.n), at: new Date(), by: t.by, byLevel: t.level,
    fromStatus: t.from, toStatus: t.to, reason: t.reason, itemVersion: t.itemVersion,
  });
}

/** Keeps what a submission sent (inside `ctx.write`): version 1, 2, … of the item. */
export async function recordVersion(
  em: EntityManager,
  schema: string,
  v: { tenant: string; kind: string; itemId: string; by: string; content: Record<string, unknown> },
): Promise<void> {
  const [row] = await em.execute(`select coalesce(max(number), 0) + 1 as n from "${schema}".review_version where tenant_id = ? and item_id = ?::uuid`, [
    v.tenant,
    v.itemId,
  ]);
  em.create(ReviewVersionEntity, {
    tenantId: v.tenant, id: newId(), itemKind: v.kind, itemId: v.itemId, number: Number(row?.n), submittedAt: new Date(), submittedBy: v.by,
    content: JSON.parse(JSON.stringify(v.content, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))) as Record<string, unknown>,
  });
}

/** Records a comment (inside `ctx.write`). */
export function recordComment(em: EntityManager, c: { tenant: string; kind: string; itemId: string; by: string; level: ReviewLevel; text: string }) {
  const row = em.create(ReviewCommentEntity, { tenantId: c.tenant, id: newId(), itemKind: c.kind, itemId: c.itemId, at: new Date(), by: c.by, byLevel: c.level, text: c.text });
  return { id: row.id, at: row.at, by: row.by, byLevel: c.level, text: row.text };
}

// ------------------------------------------------------------------ reads

/** History, comments and versions of items by id, batched (the items were read under the caller's scope; the tables' policies follow them). */
export function createReviewLoaders(ctx: RequestContext<unknown>, schema: string) {
  const rows = async (table: string, order: string, ids: readonly string[]) => {
    const valid = ids.filter(isUuid).map((i) => i.toLowerCase());
    if (valid.length === 0) return [];
    const em = await ctx.em();
    return em.execute(`select * from "${schema}".${table} where tenant_id = ? and item_id = any(?::uuid[]) order by item_id, ${order}`, [
      ctx.tenant,
      pgArray(valid),
    ]);
  };
  return {
    historyOf: groupedLoader<string, ReviewTransition & { itemId: string }>(
      async (ids) =>
        (await rows('review_transition', 'seq', ids)).map((r) => ({
          itemId: r.item_id as string, at: new Date(r.at as string), by: r.by as string, byLevel: r.by_level as ReviewLevel,
          from: r.from_status as ReviewStatus, to: r.to_status as ReviewStatus, reason: (r.reason as string | null) ?? null, itemVersion: Number(r.item_version),
        })),
      (t) => t.itemId,
    ),
    commentsOf: groupedLoader<string, ReviewComment & { itemId: string }>(
      async (ids) =>
        (await rows('review_comment', 'at, id', ids)).map((r) => ({
          itemId: r.item_id as string, id: r.id as string, at: new Date(r.at as string), by: r.by as string, byLevel: r.by_level as ReviewLevel, text: r.text as string,
        })),
      (c) => c.itemId,
    ),
    versionsOf: groupedLoader<string, ReviewVersion & { itemId: string }>(
      async (ids) =>
        (await rows('review_version', 'number', ids)).map((r) => ({
          itemId: r.item_id as string, number: Number(r.number), submittedAt: new Date(r.submitted_at as string), submittedBy: r.submitted_by as string,
          content: JSON.stringify(r.content),
        })),
      (v) => v.itemId,
    ),
  };
}

/** The chain rows of the tenant (optionally of one programme), as GraphQL objects. */
export async function listChains(ctx: RequestContext<unknown>, schema: string, kinds: readonly string[], programId?: string | null): Promise<ReviewChainStep[]> {
  if (programId != null && !isUuid(programId)) return [];
  const em = await ctx.em();
  const rows = await em.execute(
    `select * from "${schema}".review_chain where tenant_id = ? and item_kind = any(?::text[]) ${programId ? 'and program_id = ?::uuid' : ''}
      order by program_id, item_kind, valid_from nulls first, position`,
    [ctx.tenant, `{${kinds.join(',')}}`, ...(programId ? [programId.toLowerCase()] : [])],
  );
  return rows.map(toChainStep);
}

const day = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export function toChainStep(r: Record<string, unknown>): ReviewChainStep {
  return {
    id: r.id as string,
    programId: r.program_id as string,
    itemKind: r.item_kind as string,
    validFrom: day(r.valid_from),
    validUntil: day(r.valid_until),
    position: Number(r.position),
    level: r.level as ReviewLevel,
    maySubmit: Boolean(r.may_submit),
    mayReturn: Boolean(r.may_return),
    mayAccept: Boolean(r.may_accept),
    provenance: toProvenance(r.provenance)!,
    version: Number(r.version),
  };
}

/** A chain step as the seeds and `set…ReviewChain` write it. */
export interface ChainStepData {
  level: `${ReviewLevel}`;
  maySubmit?: boolean;
  mayReturn?: boolean;
  mayAccept?: boolean;
  provenance: ProvenanceData;
}

/**
 * The audit trail of one entity from the subgraph's audit log: every audited operation whose
 * changes name it (`Entity:key`), oldest first, with the row before and after. The caller checked
 * first that the entity is one it may see.
 */
export async function auditTrailOf(ctx: RequestContext<unknown>, schema: string, entity: string, key: string): Promise<AuditEntry[]> {
  const em = await ctx.em();
  const k = `${entity}:${key}`;
  const rows = await em.execute(
    `select at, actor, actor_roles, via, operation, request_id, changes, before -> ? as before, after -> ? as after
       from "${schema}".audit_log where tenant_id = ? and changes @> ?::jsonb order by at, id`,
    [k, k, ctx.tenant, JSON.stringify([{ entity, key }])],
  );
  return rows.map((r) => {
    const changes = (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as { entity: string; key: string; type: string }[];
    const ch = changes.find((c) => c.entity === entity && c.key === key);
    const json = (v: unknown) => (v == null ? null : typeof v === 'string' ? v : JSON.stringify(v));
    return {
      at: new Date(r.at as string),
      actor: r.actor as string,
      actorRoles: Array.isArray(r.actor_roles) ? (r.actor_roles as string[]) : String(r.actor_roles).replace(/^\{|\}$/g, '').split(',').filter(Boolean),
      via: r.via as string,
      operation: r.operation as string,
      type: ch?.type ?? 'update',
      before: json(r.before),
      after: json(r.after),
      requestId: (r.request_id as string | null) ?? null,
    };
  });
}

/** The audit log's key of a row with the primary key (tenant_id, id): MikroORM's serialised composite key. */
export const auditKey = (tenant: string, id: string) => `${tenant}~~~${id}`;

/**
 * Replaces the steps of one chain (programme, kind, from `validFrom`) — admins, unscoped, the
 * programme visible to the caller (`programVisible`, asked of the programs subgraph by the caller's
 * subgraph). Audited as `operation`; the steps record the province's `source` as PROVINCE_SETTING.
 */
export async function replaceChain(
  ctx: RequestContext<unknown>,
  schema: string,
  operation: string,
  input: { programId: string; kind: string; validFrom?: string | null; validUntil?: string | null; steps: ReviewChainStepInput[]; source: string },
  programVisible: (programId: string) => Promise<boolean>,
): Promise<ReviewChainStep[]> {
  const tenant = ctx.tenant;
  const programId = idOf(input.programId, 'Program', 'input.programId');
  const source = requiredText(input.source, 'input.source', 2000);
  const validFrom = input.validFrom ?? null;
  const validUntil = input.validUntil ?? null;
  if (validFrom && validUntil && validUntil <= validFrom) throw refuse('`validUntil` must be after `validFrom`', 'input.validUntil', Reason.PERIOD_END_BEFORE_START);
  if (input.steps.length > 6) throw refuse('At most 6 steps', 'input.steps', Reason.TOO_MANY, { max: 6 });
  const levels = input.steps.map((st) => st.level);
  if (new Set(levels).size !== levels.length) throw badInput('A level appears once in a chain', { field: 'input.steps', reason: Reason.INCONSISTENT });
  if (input.steps.length > 0 && (!input.steps.some((st) => st.maySubmit) || !input.steps.some((st) => st.mayAccept))) {
    throw badInput('A chain has a level that sends and one that accepts', { field: 'input.steps', reason: Reason.INCONSISTENT });
  }
  if (!(await programVisible(programId))) throw refuse('No programme of your province has this id', 'input.programId', Reason.UNKNOWN_PROGRAM);
  const provenance = { kind: 'PROVINCE_SETTING', quote: source, note: `Đặt bởi tỉnh qua ${operation} / set by the province through ${operation}` };
  await ctx.write(operation, async (em) => {
    await em.execute(`select 1 from "${schema}".review_chain where tenant_id = ? and program_id = ?::uuid and item_kind = ? for update`, [tenant, programId, input.kind]);
    const old = await em.find(ReviewChainEntity, { tenantId: tenant, programId, itemKind: input.kind, validFrom });
    for (const o of old) em.remove(o);
    await em.flush();
    input.steps.forEach((st, i) =>
      em.create(ReviewChainEntity, {
        tenantId: tenant, id: newId(), programId, itemKind: input.kind, validFrom, validUntil, position: i, level: st.level,
        maySubmit: st.maySubmit, mayReturn: st.mayReturn, mayAccept: st.mayAccept, provenance, version: 1, updatedAt: new Date(),
      }),
    );
  });
  return (await listChains(ctx, schema, [input.kind], programId)).filter((c) => c.validFrom === validFrom);
}

/** A seeded chain: one kind of item of one programme, between two days, its steps in order (each with its provenance). */
export interface SeedChain {
  programCode: string;
  kind: 'NEEDS_PROPOSAL' | 'YEARLY_PLAN' | 'REPORT';
  validFrom: string | null;
  validUntil: string | null;
  steps: ChainStepData[];
}

/** The day the districts ceased to exist (two-level local government, from 1/7/2025): the chains change there. */
export const REFORM_DAY = '2025-07-01';
/** The law of that reform, as provenance names it. */
export const REFORM_LAW = 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025 (chính quyền địa phương hai cấp từ 1/7/2025)';

/** Loads a tenant's chains into `schema` (inside its seeding transaction). Idempotent: the ids are stable. */
export async function seedReviewChains(client: SeedClient, slug: string, schema: string, chains: readonly SeedChain[]): Promise<number> {
  let n = 0;
  for (const c of chains) {
    const programId = seedIds.program(slug, c.programCode);
    for (const [position, st] of c.steps.entries()) {
      const id = seedIds.of('review-chain', slug, c.programCode, c.kind, c.validFrom ?? '-', st.level);
      const r = (await client.query(
        `insert into "${schema}".review_chain (tenant_id, id, program_id, item_kind, valid_from, valid_until, position, level, may_submit, may_return, may_accept, provenance)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb) on conflict do nothing`,
        [slug, id, programId, c.kind, c.validFrom, c.validUntil, position, st.level, !!st.maySubmit, !!st.mayReturn, !!st.mayAccept, JSON.stringify(st.provenance)],
      )) as { rowCount?: number | null };
      n += r.rowCount ?? 0;
    }
  }
  return n;
}
