import {
  badInput,
  decodeCursor,
  fold,
  likeEscape,
  notFound,
  pageSize,
  tenantWhere,
  toConnection,
  todayInVietnam,
  type ConnectionShape,
  type RequestContext,
} from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { UnitClassificationEntity } from './entities.js';
import { UNIT_COLUMNS, VALID_ON, toUnit, type UnitRow } from './rows.js';
import { CommuneClassification, type CommuneFilter } from './types.js';

type Ctx = RequestContext<Loaders>;
type Level = UnitRow['level'];

const CODE_RE = /^[0-9]{1,5}$/;

/** Codes are five digits for communes, three for districts, two for provinces; "6148" → "06148". */
export function normaliseCode(code: string, level: Level): string {
  const trimmed = code.trim();
  if (!CODE_RE.test(trimmed)) throw badInput('A unit code is made of digits only, e.g. "06148"', { field: 'code' });
  return trimmed.padStart(level === 'COMMUNE' ? 5 : level === 'DISTRICT' ? 3 : 2, '0');
}

export function resolveAsOf(asOf: string | null | undefined): string {
  return asOf ?? todayInVietnam();
}

export class UnitsService {
  /** One page of communes with the total count, in ONE statement whatever the page size. */
  async listCommunes(ctx: Ctx, filter: CommuneFilter | null | undefined, first?: number | null, after?: string | null) {
    ctx.authorize('communes.read');
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const asOf = resolveAsOf(filter?.asOf);
    const w = tenantWhere('u', ctx.identity.tenant);
    const where: string[] = [w.sql, `u.level = 'COMMUNE'`, VALID_ON];
    const params: unknown[] = [...w.params, asOf, asOf];
    if (filter?.provinceCode != null) {
      where.push(
        `exists (select 1 from communes.admin_unit p where p.tenant_id = u.tenant_id and p.id = u.province_id and p.code = ?)`,
      );
      params.push(normaliseCode(filter.provinceCode, 'PROVINCE'));
    }
    if (filter?.districtCode != null) {
      where.push(
        `exists (select 1 from communes.admin_unit d where d.tenant_id = u.tenant_id and d.id = u.parent_id and d.level = 'DISTRICT' and d.code = ?)`,
      );
      params.push(normaliseCode(filter.districtCode, 'DISTRICT'));
    }
    if (filter?.classification != null) {
      where.push(
        `exists (select 1 from communes.unit_classification c where c.tenant_id = u.tenant_id and c.unit_id = u.id and c.classification = ?)`,
      );
      params.push(filter.classification);
    }
    if (filter?.search != null) {
      const key = fold(filter.search);
      if (key.length === 0 || key.length > 100) throw badInput('`search` must be 1 to 100 characters', { field: 'filter.search' });
      where.push(`u.search_key like ? escape '\\'`);
      params.push(`%${likeEscape(key)}%`);
    }
    const after_ = cursor ? `where (f.code, f.id) > (?, ?::uuid)` : '';
    if (cursor) params.push(String(cursor[0]), String(cursor[1]));
    const em = await ctx.em();
    const rows = await em.execute(
      `with f as (select ${UNIT_COLUMNS} from communes.admin_unit u where ${where.join(' and ')})
       select f.*, (select count(*) from f) as total_count
         from f ${after_} order by f.code, f.id limit ?`,
      [...params, limit + 1],
    );
    const total = rows.length > 0 ? Number(rows[0]!.total_count) : await this.countOnly(ctx, where, params, cursor != null);
    return toConnection(rows.map(toUnit), limit, total, (u) => [u.code, u.id]) as ConnectionShape<UnitRow>;
  }

  /** When a page past the end is asked for, the total still has to be told. */
  private async countOnly(ctx: Ctx, where: string[], params: unknown[], hadCursor: boolean): Promise<number> {
    if (!hadCursor) return 0;
    const em = await ctx.em();
    const rows = await em.execute(
      `select count(*) as n from communes.admin_unit u where ${where.join(' and ')}`,
      params.slice(0, params.length - 2),
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** A unit of a level by id, or by code valid on a date. Unknown and other tenants' ids give null. */
  async findUnit(ctx: Ctx, level: Level, args: { id?: string | null; code?: string | null; asOf?: string | null }) {
    ctx.authorize('communes.read');
    if ((args.id == null) === (args.code == null)) throw badInput('Give exactly one of `id` or `code`');
    if (args.id != null) {
      const unit = await ctx.loaders.unitById.load(args.id);
      return unit?.level === level ? unit : null;
    }
    const asOf = resolveAsOf(args.asOf);
    const w = tenantWhere('u', ctx.identity.tenant);
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${UNIT_COLUMNS} from communes.admin_unit u
        where ${w.sql} and u.level = ? and u.code = ? and ${VALID_ON} order by u.id limit 1`,
      [...w.params, level, normaliseCode(args.code!, level), asOf, asOf],
    );
    return rows[0] ? toUnit(rows[0]) : null;
  }

  /** Units of a level valid on a date, optionally within a province (by code). */
  async listUnits(ctx: Ctx, level: Level, asOf: string | null | undefined, provinceCode?: string | null) {
    ctx.authorize('communes.read');
    const day = resolveAsOf(asOf);
    const w = tenantWhere('u', ctx.identity.tenant);
    const params: unknown[] = [...w.params, level, day, day];
    let inProvince = '';
    if (provinceCode != null) {
      inProvince = `and exists (select 1 from communes.admin_unit p where p.tenant_id = u.tenant_id and p.id = u.province_id and p.code = ?)`;
      params.push(normaliseCode(provinceCode, 'PROVINCE'));
    }
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${UNIT_COLUMNS} from communes.admin_unit u
        where ${w.sql} and u.level = ? and ${VALID_ON} ${inProvince} order by u.code, u.id`,
      params,
    );
    return rows.map(toUnit);
  }

  async parentDistrict(ctx: Ctx, unit: UnitRow): Promise<UnitRow | null> {
    if (!unit.parentId) return null;
    const parent = await ctx.loaders.unitById.load(unit.parentId);
    return parent?.level === 'DISTRICT' ? parent : null;
  }

  async province(ctx: Ctx, unit: UnitRow): Promise<UnitRow | null> {
    return unit.provinceId ? ctx.loaders.unitById.load(unit.provinceId) : null;
  }

  async linked(ctx: Ctx, unit: UnitRow, direction: 'successors' | 'predecessors', level: Level): Promise<UnitRow[]> {
    const loader = direction === 'successors' ? ctx.loaders.successorsOf : ctx.loaders.predecessorsOf;
    const links = await loader.load(unit.id);
    return links.map((l) => l.unit).filter((u) => u.level === level);
  }

  async children(ctx: Ctx, via: 'parent' | 'province', parent: UnitRow, level: Level, asOf?: string | null) {
    return ctx.loaders.childrenOf.load(`${via}|${parent.id}|${level}|${resolveAsOf(asOf)}`);
  }

  async classifications(ctx: Ctx, unit: UnitRow): Promise<CommuneClassification[]> {
    const rows = await ctx.loaders.classificationsOf.load(unit.id);
    return rows.map((r) => r.classification as CommuneClassification);
  }

  tenant(ctx: Ctx, slug: string) {
    return ctx.loaders.tenantBySlug.load(slug);
  }

  async tenants(ctx: Ctx): Promise<{ slug: string; name: string }[]> {
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.identity.tenant);
    const rows = await em.execute(`select t.tenant_id, t.name from communes.tenant t where ${w.sql} order by t.tenant_id`, w.params);
    return rows.map((r) => ({ slug: r.tenant_id as string, name: r.name as string }));
  }

  /** Replaces a unit's classifications (tenant admins only); audited as one operation. */
  async setClassifications(
    ctx: Ctx,
    operation: string,
    level: Level,
    unitId: string,
    classifications: CommuneClassification[],
  ): Promise<UnitRow> {
    ctx.authorize('communes.classify');
    const wanted = [...new Set(classifications)];
    if (level === 'COMMUNE' && wanted.includes(CommuneClassification.LOWLAND)) {
      throw badInput('LOWLAND classifies districts, not communes', { field: 'classifications' });
    }
    const unit = await this.findUnit(ctx, level, { id: unitId });
    if (!unit) throw notFound(level === 'COMMUNE' ? 'Commune' : 'District', { field: 'id' });
    const tenant = ctx.tenant;
    await ctx.write(operation, async (em) => {
      const existing = await em.find(UnitClassificationEntity, { tenantId: tenant, unitId: unit.id });
      for (const row of existing) {
        if (!wanted.includes(row.classification as CommuneClassification)) em.remove(row);
      }
      for (const c of wanted) {
        if (!existing.some((e) => e.classification === c)) {
          em.create(UnitClassificationEntity, { tenantId: tenant, unitId: unit.id, classification: c, source: `set by ${ctx.identity.subject}` });
        }
      }
    });
    ctx.loaders.classificationsOf.clear(unit.id);
    return unit;
  }
}

export const unitsService = new UnitsService();
