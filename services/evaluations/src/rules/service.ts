import {
  conflict,
  foreignId,
  isUniqueViolation,
  isUuid,
  newId,
  optionalText,
  pgArray,
  Reason,
  refuse,
  type RequestContext,
  tenantWhere,
  todayInVietnam,
} from '@kn/platform';
import { programVisible } from '../common/peers.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleSetEntity } from './entities.js';
import { ruleSetSchema, type RuleSet } from './language.js';

export interface RuleSetRow {
  tenantId: string;
  id: string;
  programId: string;
  version: number;
  code: string;
  titleVi: string;
  titleEn: string;
  definition: RuleSet;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export const RULE_SET_COLUMNS = `r.tenant_id, r.id, r.program_id, r.version, r.code, r.title_vi, r.title_en, r.definition, r.note, r.created_by, r.created_at`;

export function toRuleSet(r: Record<string, unknown>): RuleSetRow {
  const raw = typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition;
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    programId: r.program_id as string,
    version: Number(r.version),
    code: r.code as string,
    titleVi: r.title_vi as string,
    titleEn: r.title_en as string,
    // stored rows were validated when published; parsing again applies the schema's defaults
    definition: ruleSetSchema.parse(raw),
    note: (r.note as string | null) ?? null,
    createdBy: r.created_by as string,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
  };
}

/** The current (latest) rule set of each programme, per request: one statement for any number of programmes. */
export async function fetchCurrentRuleSets(ctx: RequestContext<unknown>, programIds: readonly string[]): Promise<RuleSetRow[]> {
  const valid = programIds.filter(isUuid);
  if (valid.length === 0) return [];
  const em = await ctx.em();
  const w = tenantWhere('r', ctx.readTenants);
  const rows = await em.execute(
    // one per programme: the caller's own newest version, else (a programme of a predecessor) the
    // predecessor's newest — the programme keeps its rules across the succession
    `select distinct on (r.program_id) ${RULE_SET_COLUMNS} from evaluations.rule_set r
      where ${w.sql} and r.program_id = any(?::uuid[]) order by r.program_id, r.tenant_id = ? desc, r.version desc`,
    [...w.params, pgArray(valid), ctx.identity.tenant ?? ''],
  );
  return rows.map(toRuleSet);
}

export class RuleSetsService {
  /** Versions of the rule sets of your province (of one programme), newest first. */
  async list(ctx: RequestContext<unknown>, programId?: string | null): Promise<RuleSetRow[]> {
    ctx.authorize('evaluations.read');
    ctx.requireTenant();
    if (programId != null && !isUuid(programId)) return [];
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${RULE_SET_COLUMNS} from evaluations.rule_set r
        where r.tenant_id = any(?::text[]) ${programId ? 'and r.program_id = ?::uuid' : ''} order by r.program_id, r.tenant_id, r.version desc`,
      [ctx.readTenantsParam, ...(programId ? [programId.toLowerCase()] : [])],
    );
    return rows.map(toRuleSet);
  }

  /** One version, or the current one when `version` is left out. */
  async get(ctx: RequestContext<unknown>, programId: string, version?: number | null): Promise<RuleSetRow | null> {
    ctx.authorize('evaluations.read');
    const tenant = ctx.tenant;
    if (!isUuid(programId)) return null;
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${RULE_SET_COLUMNS} from evaluations.rule_set r where r.tenant_id = any(?::text[]) and r.program_id = ?::uuid
        ${version != null ? 'and r.version = ?' : ''} order by r.tenant_id = ? desc, r.version desc limit 1`,
      [ctx.readTenantsParam, programId.toLowerCase(), ...(version != null ? [version] : []), tenant],
    );
    return rows[0] ? toRuleSet(rows[0]) : null;
  }

  /**
   * Publishes a new version of a programme's rule set: the JSON is validated by the rule language
   * (every problem named with its path), the programme must be one the programs subgraph shows the
   * caller. Nothing already evaluated changes: evaluations keep the version they used.
   */
  async publish(ctx: RequestContext<unknown>, programIdArg: string, definitionText: string, noteArg?: string | null): Promise<RuleSetRow> {
    ctx.authorize('evaluations.configure');
    const tenant = ctx.tenant;
    const programId = foreignId(programIdArg, 'programId');
    const note = optionalText(noteArg, 'note', 2000);
    let raw: unknown;
    try {
      raw = JSON.parse(definitionText);
    } catch {
      throw refuse('`definition` is not JSON', 'definition', Reason.INVALID_JSON);
    }
    const parsed = ruleSetSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: ['definition', ...i.path].join('.'), message: i.message }));
      throw refuse(`The rule set is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues[0]?.path ?? 'definition', Reason.INVALID_RULE_SET, { issues });
    }
    if (!(await programVisible(ctx, programId))) throw refuse('No programme of your province has this id', 'programId', Reason.UNKNOWN_PROGRAM);
    const set = parsed.data;
    try {
      const id = await ctx.write('publishRuleSet', async (em) => {
        const [last] = await em.execute(`select coalesce(max(version), 0) as v from evaluations.rule_set where tenant_id = ? and program_id = ?::uuid`, [tenant, programId]);
        const record = em.create(RuleSetEntity, {
          tenantId: tenant,
          id: newId(),
          programId,
          version: Number(last?.v ?? 0) + 1,
          code: set.code,
          titleVi: set.title.vi,
          titleEn: set.title.en,
          definition: set as unknown as Record<string, unknown>,
          note,
          createdBy: ctx.identity.subject,
          createdAt: new Date(),
        });
        return record.id;
      });
      const rows = await (await ctx.em()).execute(`select ${RULE_SET_COLUMNS} from evaluations.rule_set r where r.tenant_id = ? and r.id = ?`, [tenant, id]);
      return toRuleSet(rows[0]!);
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict('Another version of this rule set was published at the same time; reload and publish again', { field: 'programId' });
      }
      throw e;
    }
  }

  /** The current version for evaluating a programme, or BAD_USER_INPUT when the province has none. */
  async currentFor(ctx: RequestContext<unknown>, programId: string): Promise<RuleSetRow> {
    const [set] = await fetchCurrentRuleSets(ctx, [programId]);
    if (!set) {
      throw refuse('Your province has no rule set for this programme: publish one first (publishRuleSet)', 'programId', Reason.NO_RULE_SET);
    }
    return set;
  }
}

/**
 * The rule set a write of `tenant` may point at: `set` itself when it is the tenant's, else (a
 * programme of a predecessor: tenant succession) the same rules carried over as the tenant's own
 * next version, in the caller's audited write. The programme keeps its rules; the copy says whose
 * version it came from.
 */
export async function adoptRuleSet(em: EntityManager, ctx: RequestContext<unknown>, tenant: string, set: RuleSetRow): Promise<{ id: string; version: number }> {
  if (set.tenantId === tenant) return { id: set.id, version: set.version };
  const [last] = await em.execute(`select coalesce(max(version), 0) as v from evaluations.rule_set where tenant_id = ? and program_id = ?::uuid`, [tenant, set.programId]);
  const version = Number(last?.v ?? 0) + 1;
  const record = em.create(RuleSetEntity, {
    tenantId: tenant,
    id: newId(),
    programId: set.programId,
    version,
    code: set.code,
    titleVi: set.titleVi,
    titleEn: set.titleEn,
    definition: set.definition as unknown as Record<string, unknown>,
    note: `Kế thừa nguyên văn phiên bản ${set.version} của ${set.tenantId} (kế thừa đơn vị, tenant succession)${set.note ? `: ${set.note}` : ''}`,
    createdBy: ctx.identity.subject,
    createdAt: new Date(),
  });
  await em.flush();
  return { id: record.id, version };
}

export const publishedOn = (r: RuleSetRow) => todayInVietnam(new Date(r.createdAt));
export const ruleSetsService = new RuleSetsService();
