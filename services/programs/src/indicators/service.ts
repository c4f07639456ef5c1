import { LockMode } from '@mikro-orm/core';
import {
  badInput,
  checkVersion,
  conflict,
  decodeCursor,
  fold,
  likeEscape,
  newId,
  notFound,
  pageSize,
  tenantWhere,
  toConnection,
  type ConnectionShape,
  type RequestContext,
} from '@kn/platform';
import { Reason, code, optionalText, refuse, requireUuid, requiredText, uniqueOr } from '../common/validation.js';
import type { Loaders } from '../loaders.js';
import { TargetEntity } from '../targets/entities.js';
import { IndicatorEntity } from './entities.js';
import { INDICATOR_COLUMNS, toIndicator, type IndicatorRow } from './rows.js';
import type { IndicatorInput } from './types.js';

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
  async list(ctx: Ctx, search: string | null | undefined, first?: number | null, after?: string | null) {
    ctx.authorize('programs.read');
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const w = tenantWhere('i', ctx.identity.tenant);
    const where = [w.sql];
    const params: unknown[] = [...w.params];
    if (search != null) {
      const key = fold(search);
      if (key.length === 0 || key.length > 100) throw badInput('`search` must be 1 to 100 characters', { field: 'search' });
      where.push(`i.search_key like ? escape '\\'`);
      params.push(`%${likeEscape(key)}%`);
    }
    const afterSql = cursor ? 'where (f.code, f.id) > (?, ?::uuid)' : '';
    const em = await ctx.em();
    const rows = await em.execute(
      `with f as (select ${INDICATOR_COLUMNS} from programs.indicator i where ${where.join(' and ')}),
            c as (select count(*) as total_count from f)
       select page.*, c.total_count from c left join lateral (
         select f.* from f ${afterSql} order by f.code, f.id limit ?) page on true
       order by page.code, page.id`,
      [...params, ...(cursor ? [String(cursor[0]), String(cursor[1])] : []), limit + 1],
    );
    const total = Number(rows[0]?.total_count ?? 0);
    const indicators = rows.filter((r) => r.id != null).map((r) => toIndicator(r));
    return toConnection(indicators, limit, total, (i) => [i.code, i.id]) as ConnectionShape<IndicatorRow>;
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
    requireUuid(id, 'Indicator');
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
