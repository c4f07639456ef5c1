import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  checkVersion,
  documentYear,
  idOf,
  newId,
  notFound,
  optionalText,
  Reason,
  refuse,
  type RequestContext,
  requiredText,
} from '@kn/platform';
import { IndicatorUnit, TargetComparison, TargetScopeKind } from '../common/enums.js';
import { inScope } from '../common/scope.js';
import { compareDecimal, yearInPeriod, type Period } from '../common/validation.js';
import { IndicatorEntity } from '../indicators/entities.js';
import { INDICATOR_CODE_RE } from '../indicators/service.js';
import type { Loaders } from '../loaders.js';
import type { ProgramRow } from '../programs/rows.js';
import { lockProgram, periodOf, programsService } from '../programs/service.js';
import { TargetEntity, type Target } from './entities.js';
import type { TargetRow } from './rows.js';
import type { TargetInput } from './types.js';

type Ctx = RequestContext<Loaders>;
type TargetData = Omit<Target, 'tenantId' | 'id' | 'programId' | 'position' | 'version'>;

const GROUP_RE = /^[A-Z][A-Z0-9_]{1,59}$/;
const MAX_TARGETS_PER_PROGRAM = 2000;

/** A known code of the caller's own catalogue (catalogues are per tenant). */
async function catalogueIndicator(em: EntityManager, tenant: string, code: string) {
  const indicatorCode = code.trim();
  const indicator = INDICATOR_CODE_RE.test(indicatorCode)
    ? await em.findOne(IndicatorEntity, { tenantId: tenant, code: indicatorCode })
    : null;
  if (!indicator) {
    throw refuse(`No indicator ${indicatorCode} in your catalogue`, 'input.indicatorCode', Reason.UNKNOWN_INDICATOR);
  }
  return indicator;
}

/** The year, or the period, inside the programme's period. */
function targetYears(input: TargetInput, period: Period): { startYear: number; endYear: number } {
  if (input.year != null) {
    if (input.startYear != null || input.endYear != null) {
      throw refuse('Give `year`, or `startYear` and `endYear`, not both', 'input.year', Reason.INCONSISTENT);
    }
    const year = yearInPeriod(input.year, period, 'input.year');
    return { startYear: year, endYear: year };
  }
  if (input.startYear == null) throw refuse('Give `year`, or `startYear` and `endYear`', 'input.startYear', Reason.REQUIRED);
  if (input.endYear == null) throw refuse('Give `endYear` with `startYear`', 'input.endYear', Reason.REQUIRED);
  documentYear(input.startYear, 'input.startYear');
  documentYear(input.endYear, 'input.endYear');
  if (input.endYear < input.startYear) {
    throw refuse(`The target’s period ends (${input.endYear}) before it starts (${input.startYear})`, 'input.endYear', Reason.PERIOD_END_BEFORE_START);
  }
  return { startYear: yearInPeriod(input.startYear, period, 'input.startYear'), endYear: yearInPeriod(input.endYear, period, 'input.endYear') };
}

interface TargetValues {
  value: string | null;
  max: string | null;
  baseline: string | null;
  outOf: string | null;
  comparison: TargetComparison | null;
}

/** Values: exact, non-negative; money in whole đồng; percentages 0–100; consistent with the comparison. */
function targetValues(input: TargetInput, unit: IndicatorUnit, endYear: number): TargetValues {
  const money = unit === IndicatorUnit.VND;
  const checkValue = (value: string | null | undefined, field: string): string | null => {
    if (value == null) return null;
    if (value.startsWith('-')) {
      throw refuse(`\`${field}\` may not be negative`, field, money ? Reason.NEGATIVE_AMOUNT : Reason.NEGATIVE_VALUE);
    }
    if (money && value.includes('.')) throw refuse(`\`${field}\` is an amount of đồng: a whole number`, field, Reason.NOT_WHOLE_DONG);
    if (unit === IndicatorUnit.PERCENT && compareDecimal(value, '100') > 0) {
      throw refuse(`\`${field}\` is a percentage: 0 to 100`, field, Reason.PERCENT_OUT_OF_RANGE);
    }
    return value;
  };
  const value = checkValue(input.targetValue, 'input.targetValue');
  const max = checkValue(input.targetValueMax, 'input.targetValueMax');
  const baseline = checkValue(input.baseline, 'input.baseline');
  const outOf = input.outOf == null ? null : checkValue(input.outOf, 'input.outOf');
  if (money && outOf != null) throw refuse('`outOf` does not apply to amounts of money', 'input.outOf', Reason.INCONSISTENT);

  const comparison = input.comparison ?? null;
  if (value == null) {
    if (comparison != null || max != null || outOf != null) {
      throw refuse('A target without a value has no comparison, maximum or whole', 'input.targetValue', Reason.REQUIRED);
    }
    if (!input.note?.trim()) {
      throw refuse('A target stated in words only needs those words in `note`', 'input.note', Reason.REQUIRED);
    }
  } else if (comparison == null) {
    throw refuse('Say how the value is to be read (`comparison`)', 'input.comparison', Reason.REQUIRED);
  }
  if (comparison === TargetComparison.BETWEEN) {
    if (max == null) throw refuse('BETWEEN needs `targetValueMax`', 'input.targetValueMax', Reason.REQUIRED);
    if (compareDecimal(max, value!) < 0) {
      throw refuse('`targetValueMax` is below `targetValue`', 'input.targetValueMax', Reason.RANGE_INVALID);
    }
  } else if (max != null) {
    throw refuse('`targetValueMax` goes with comparison BETWEEN only', 'input.targetValueMax', Reason.INCONSISTENT);
  }
  if (outOf != null && compareDecimal(max ?? value!, outOf) > 0) {
    throw refuse('The value is larger than the whole it is counted out of', 'input.outOf', Reason.VALUE_ABOVE_WHOLE);
  }
  if (input.baselineYear != null) {
    documentYear(input.baselineYear, 'input.baselineYear');
    if (baseline == null) throw refuse('`baselineYear` goes with `baseline`', 'input.baselineYear', Reason.INCONSISTENT);
    if (input.baselineYear > endYear) {
      throw refuse('The baseline year is after the target’s period', 'input.baselineYear', Reason.INCONSISTENT);
    }
  }
  return { value, max, baseline, outOf, comparison };
}

/** Whom the target is about: the whole province, or a named group of units. */
function targetScope(input: TargetInput): Pick<TargetData, 'scopeKind' | 'scopeGroup' | 'scopeLabel' | 'scopeSize'> {
  const s = input.scope;
  const scopeKind = s?.kind ?? TargetScopeKind.PROVINCE;
  let scopeGroup: string | null = null;
  let scopeLabel: string;
  if (scopeKind === TargetScopeKind.PROVINCE) {
    if (s?.group != null) throw refuse('A province-wide target has no group', 'input.scope.group', Reason.INCONSISTENT);
    scopeLabel = optionalText(s?.label, 'input.scope.label', 500) ?? 'toàn tỉnh';
  } else {
    const group = s?.group?.trim() ?? '';
    if (!group) throw refuse('Name the group (a code such as BORDER_COMMUNES)', 'input.scope.group', Reason.REQUIRED);
    if (!GROUP_RE.test(group)) throw refuse('`scope.group` must look like "BORDER_COMMUNES"', 'input.scope.group', Reason.INVALID_FORMAT);
    scopeGroup = group;
    scopeLabel = requiredText(s?.label, 'input.scope.label', 500);
  }
  const scopeSize = s?.size ?? null;
  if (scopeSize != null && (!Number.isInteger(scopeSize) || scopeSize < 1 || scopeSize > 100_000)) {
    throw refuse('`scope.size` must be a positive number of units', 'input.scope.size', Reason.INVALID_FORMAT);
  }
  return { scopeKind, scopeGroup, scopeLabel, scopeSize };
}

/** Validates a target against its programme's period and the tenant's catalogue. */
async function validateTarget(em: EntityManager, tenant: string, period: Period, input: TargetInput): Promise<TargetData> {
  const indicator = await catalogueIndicator(em, tenant, input.indicatorCode);
  const { startYear, endYear } = targetYears(input, period);
  const money = (indicator.unit as IndicatorUnit) === IndicatorUnit.VND;
  const { value, max, baseline, outOf, comparison } = targetValues(input, indicator.unit as IndicatorUnit, endYear);
  return {
    indicatorId: indicator.id,
    startYear,
    endYear,
    yearly: input.yearly ?? false,
    comparison,
    targetValue: money ? null : value,
    targetValueMax: money ? null : max,
    targetAmount: money && value != null ? BigInt(value) : null,
    targetAmountMax: money && max != null ? BigInt(max) : null,
    outOf,
    baseline: money ? null : baseline,
    baselineAmount: money && baseline != null ? BigInt(baseline) : null,
    baselineYear: input.baselineYear ?? null,
    ...targetScope(input),
    note: optionalText(input.note, 'input.note', 4000),
  };
}

async function lockTarget(em: EntityManager, tenant: string, id: string): Promise<Target> {
  idOf(id, 'Target');
  const target = await em.findOne(TargetEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!target) throw notFound('Target', { field: 'id' });
  return target;
}

export class TargetsService {
  /** A programme's targets; with `year`, those whose year or period includes it. */
  async forProgram(ctx: Ctx, program: ProgramRow, y?: number | null): Promise<TargetRow[]> {
    if (y != null) documentYear(y, 'year');
    const all = await ctx.loaders.targetsByProgram.load(program.id);
    return y == null ? all : all.filter((t) => t.startYear <= y && y <= t.endYear);
  }

  /** A target by id for a federation reference: null unless its programme is readable. */
  async byId(ctx: Ctx, id: string): Promise<TargetRow | null> {
    ctx.authorize('programs.read');
    const target = await ctx.loaders.targetById.load(id);
    if (!target) return null;
    return inScope(await ctx.loaders.scope(), target.programId) ? target : null;
  }

  program(ctx: Ctx, target: TargetRow) {
    return programsService.byId(ctx, target.programId);
  }

  async create(ctx: Ctx, programId: string, input: TargetInput): Promise<TargetRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    const id = newId();
    await ctx.write('createTarget', async (em) => {
      const program = await lockProgram(em, tenant, programId, LockMode.PESSIMISTIC_READ);
      const data = await validateTarget(em, tenant, periodOf(program), input);
      const [row] = await em.execute(
        `select count(*) as n, coalesce(max(position), 0) + 1 as next from programs.target where tenant_id = ? and program_id = ?`,
        [tenant, programId],
      );
      if (Number(row?.n ?? 0) >= MAX_TARGETS_PER_PROGRAM) {
        throw refuse(`A programme may have at most ${MAX_TARGETS_PER_PROGRAM} targets`, 'programId', Reason.TOO_MANY);
      }
      em.create(TargetEntity, { ...data, tenantId: tenant, id, programId, position: Number(row?.next ?? 1), version: 1 });
    });
    ctx.loaders.targetsByProgram.clear(programId);
    return this.reload(ctx, id);
  }

  async update(ctx: Ctx, id: string, version: number, input: TargetInput): Promise<TargetRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    let programId = '';
    await ctx.write('updateTarget', async (em) => {
      const target = await lockTarget(em, tenant, id);
      checkVersion(target, version, 'The target');
      programId = target.programId;
      const program = await lockProgram(em, tenant, target.programId, LockMode.PESSIMISTIC_READ);
      const data = await validateTarget(em, tenant, periodOf(program), input);
      em.assign(target, { ...data, version: target.version + 1 });
    });
    ctx.loaders.targetsByProgram.clear(programId);
    return this.reload(ctx, id);
  }

  async delete(ctx: Ctx, id: string, version: number): Promise<string> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    await ctx.write('deleteTarget', async (em) => {
      const target = await lockTarget(em, tenant, id);
      checkVersion(target, version, 'The target');
      ctx.loaders.targetsByProgram.clear(target.programId);
      em.remove(target);
    });
    ctx.loaders.targetById.clear(id);
    return id;
  }

  private async reload(ctx: Ctx, id: string): Promise<TargetRow> {
    ctx.loaders.targetById.clear(id);
    const row = await ctx.loaders.targetById.load(id);
    if (!row) throw notFound('Target', { field: 'id' });
    return row;
  }
}

export const targetsService = new TargetsService();
