import { LockMode } from '@mikro-orm/core';
import {
  badInput,
  checkVersion,
  code,
  conflict,
  fold,
  idOf,
  keysetPage,
  likeEscape,
  newId,
  notFound,
  optionalText,
  type PageArgs,
  Reason,
  refuse,
  type RequestContext,
  requiredText,
  tenantWhere,
  uniqueOr,
} from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { TargetEntity } from '../targets/entities.js';
import { IndicatorEntity } from './entities.js';
import { INDICATOR_COLUMNS, toIndicator, type IndicatorRow } from './rows.js';
import { type IndicatorInput, IndicatorOrdering } from './types.js';

type Ctx = RequestContext<Loaders>;

export const INDICATOR_CODE_RE = /^[A-Z][A-Z0-9_]{1,59}$/;

export const indicatorSearchKey = (i: { code: string; name: string; nameEn?: string | null }) =>
  fold([i.code, i.name, i.nameEn ?? ''].join(' '));

function validateFields(input: IndicatorInput) {
  return {
    name: requiredText(input.name, 'input.name', 500),
    nameEn: optionalText(input.nameEn, 'input.nameEn', 500),
    unit: input.unit,
    higherIsBetter: input.higherIsBetter ?? null,
  };
}

export class IndicatorsService {
  /** The catalogue, by code, a page at a time. The catalogue is readable by every role. */
  async list(ctx: Ctx, search: string | null | undefined, page: PageArgs<keyof typeof IndicatorOrdering.Field>) {
    ctx.authorize('programs.read');
    const order = IndicatorOrdering.resolve(page.orderBy);
    const w = tenantWhere('i', ctx.readTenants);
    const where = [w.sql];
    const params: unknown[] = [...w.params];
    if (search != null) {
      const key = fold(search);
      if (key.length === 0 || key.length > 100) throw badInput('`search` must be 1 to 100 characters', { field: 'search' });
      where.push(`i.search_key like ? escape '\\'`);
      params.push(`%${likeEscape(key)}%`);
    }
    return keysetPage(await ctx.em(), {
      list: `select ${INDICATOR_COLUMNS} from programs.indicator i where ${where.join(' and ')}`,
      params,
      order,
      page,
      toNode: (r) => toIndicator(r),
    });
  }

  async byId(ctx: Ctx, id: string): Promise<IndicatorRow | null> {
    ctx.authorize('programs.read');
    return ctx.loaders.indicatorById.load(id);
  }

  async create(ctx: Ctx, indicatorCode_: string, input: IndicatorInput): Promise<IndicatorRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    const indicatorCode = code(indicatorCode_, 'code', INDICATOR_CODE_RE, 'POVERTY_RATE');
    const data = validateFields(input);
    const id = newId();
    const taken = `An indicator with code ${indicatorCode} already exists`;
    await ctx.write('createIndicator', async (em) => {
      if ((await em.count(IndicatorEntity, { tenantId: tenant, code: indicatorCode })) > 0) throw conflict(taken, { field: 'code' });
      em.create(IndicatorEntity, {
        ...data,
        tenantId: tenant,
        id,
        code: indicatorCode,
        searchKey: indicatorSearchKey({ code: indicatorCode, ...data }),
        version: 1,
      });
      await uniqueOr(() => em.flush(), taken, 'code');
    });
    return this.reload(ctx, id);
  }

  async update(ctx: Ctx, id: string, version: number, input: IndicatorInput): Promise<IndicatorRow> {
    ctx.authorize('programs.write');
    const tenant = ctx.tenant;
    const data = validateFields(input);
    idOf(id, 'Indicator');
    await ctx.write('updateIndicator', async (em) => {
      const indicator = await em.findOne(IndicatorEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!indicator) throw notFound('Indicator', { field: 'id' });
      checkVersion(indicator, version, 'The indicator');
      if (data.unit !== indicator.unit && (await em.count(TargetEntity, { tenantId: tenant, indicatorId: id })) > 0) {
        throw refuse('The unit of an indicator cannot change once targets use it', 'input.unit', Reason.IN_USE);
      }
      em.assign(indicator, { ...data, searchKey: indicatorSearchKey({ code: indicator.code, ...data }), version: indicator.version + 1 });
    });
    ctx.loaders.targetsByProgram.clearAll();
    ctx.loaders.targetById.clearAll();
    return this.reload(ctx, id);
  }

  private async reload(ctx: Ctx, id: string): Promise<IndicatorRow> {
    ctx.loaders.indicatorById.clear(id);
    const row = await ctx.loaders.indicatorById.load(id);
    if (!row) throw notFound('Indicator', { field: 'id' });
    return row;
  }
}

export const indicatorsService = new IndicatorsService();
