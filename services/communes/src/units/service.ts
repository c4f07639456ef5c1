import {
  badInput,
  CommuneClassification,
  fold,
  keysetPage,
  likeEscape,
  notFound,
  type PageArgs,
  Reason,
  refuse,
  type RequestContext,
  tenantWhere,
  todayInVietnam,
  toProvenance,
} from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { UnitClassificationEntity } from './entities.js';
import { UNIT_COLUMNS, VALID_ON, toUnit, type UnitRow } from './rows.js';
import { CommuneOrdering, type CommuneFilter, type Location, type TenantSuccession } from './types.js';

/** How many reforms a position is followed through (2019–20, 2024–25, 2025 and a margin). */
const MAX_SUCCESSION_STEPS = 6;

type Ctx = RequestContext<Loaders>;
type Level = UnitRow['level'];
type TenantSuccessionRow = TenantSuccession;

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
  async listCommunes(ctx: Ctx, filter: CommuneFilter | null | undefined, page: PageArgs<keyof typeof CommuneOrdering.Field>) {
    ctx.authorize('communes.read');
    const order = CommuneOrdering.resolve(page.orderBy);
    const w = tenantWhere('u', ctx.readTenants);
    const where: string[] = [w.sql, `u.level = 'COMMUNE'`];
    const params: unknown[] = [...w.params];
    if (filter?.validOnOrBefore != null) {
      if (filter.asOf != null) throw refuse('Give `asOf` or `validOnOrBefore`, not both', 'filter.validOnOrBefore', Reason.INCONSISTENT);
      where.push('(u.valid_from is null or u.valid_from <= ?::date)');
      params.push(filter.validOnOrBefore);
    } else {
      const asOf = resolveAsOf(filter?.asOf);
      where.push(VALID_ON);
      params.push(asOf, asOf);
    }
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
    if (filter?.kind != null) {
      where.push('u.kind = ?');
      params.push(filter.kind);
    }
    if (filter?.search != null) {
      const key = fold(filter.search);
      if (key.length === 0 || key.length > 100) throw badInput('`search` must be 1 to 100 characters', { field: 'filter.search' });
      where.push(`u.search_key like ? escape '\\'`);
      params.push(`%${likeEscape(key)}%`);
    }
    return keysetPage(await ctx.em(), {
      list: `select ${UNIT_COLUMNS} from communes.admin_unit u where ${where.join(' and ')}`,
      params,
      order,
      page,
      toNode: toUnit,
    });
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
    const w = tenantWhere('u', ctx.readTenants);
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
    const w = tenantWhere('u', ctx.readTenants);
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

  /**
   * The unit's own position, or else its successor's (labelled `inherited`): a merged unit's whole
   * successor first, then a split unit's parts by code; followed through successive reforms (a 2019
   * commune → its 2020 successor → the 2025 unit), one batched lookup per step.
   */
  async location(ctx: Ctx, unit: UnitRow): Promise<Location | null> {
    if (unit.latitude != null && unit.longitude != null) {
      return {
        latitude: unit.latitude, longitude: unit.longitude, inherited: false,
        inheritedFromId: null, inheritedFromCode: null, inheritedFromName: null, source: unit.locationSource ?? '',
      };
    }
    let frontier: UnitRow[] = [unit];
    const visited = new Set<string>([unit.id]);
    for (let step = 0; step < MAX_SUCCESSION_STEPS && frontier.length > 0; step++) {
      const next: UnitRow[] = [];
      const linked = await ctx.loaders.successorsOf.loadMany(frontier.map((f) => f.id));
      for (const links of linked) {
        if (links instanceof Error) throw links;
        const ordered = [...links.filter((l) => l.kind === 'MERGE'), ...links.filter((l) => l.kind !== 'MERGE')];
        for (const l of ordered) {
          if (l.unit.level !== unit.level || visited.has(l.unit.id)) continue;
          visited.add(l.unit.id);
          if (l.unit.latitude != null && l.unit.longitude != null) {
            return {
              latitude: l.unit.latitude, longitude: l.unit.longitude, inherited: true, inheritedFromId: l.unit.id,
              inheritedFromCode: l.unit.code, inheritedFromName: l.unit.fullName, source: l.unit.locationSource ?? '',
            };
          }
          next.push(l.unit);
        }
      }
      frontier = next;
    }
    return null;
  }

  async children(ctx: Ctx, via: 'parent' | 'province', parent: UnitRow, level: Level, asOf?: string | null) {
    return ctx.loaders.childrenOf.load(`${via}|${parent.id}|${level}|${resolveAsOf(asOf)}`);
  }

  async classifications(ctx: Ctx, unit: UnitRow): Promise<CommuneClassification[]> {
    const rows = await ctx.loaders.classificationsOf.load(unit.id);
    return rows.map((r) => r.classification as CommuneClassification);
  }

  /** A unit's classifications with where each comes from. */
  async classificationSources(ctx: Ctx, unit: UnitRow) {
    const rows = await ctx.loaders.classificationsOf.load(unit.id);
    return rows.map((r) => ({ classification: r.classification as CommuneClassification, source: r.source, provenance: toProvenance(r.provenance) }));
  }

  tenant(ctx: Ctx, slug: string) {
    return ctx.loaders.tenantBySlug.load(slug);
  }

  /** The successions naming the caller's tenant (as successor or predecessor); all of them for the national role. */
  async successions(ctx: Ctx): Promise<TenantSuccessionRow[]> {
    const em = await ctx.em();
    const own = ctx.identity.tenant;
    const rows = await em.execute(
      `select s.successor_id, s.successor_name, s.predecessor_id, s.predecessor_name, to_char(s.effective_on, 'YYYY-MM-DD') as effective_on,
              s.legal_basis, s.provenance
         from communes.tenant_succession s
        where ${own === null ? 'true' : '(s.successor_id = ? or s.predecessor_id = ?)'}
        order by s.effective_on, s.predecessor_id`,
      own === null ? [] : [own, own],
    );
    return rows.map((r) => ({
      successorSlug: r.successor_id as string,
      successorName: r.successor_name as string,
      predecessorSlug: r.predecessor_id as string,
      predecessorName: r.predecessor_name as string,
      effectiveOn: r.effective_on as string,
      legalBasis: r.legal_basis as string,
      provenance: toProvenance(r.provenance)!,
    }));
  }

  /**
   * The caller's lineage, for the gateway: the tenants it succeeded (from their day on; before it,
   * each still writes its own) and the day it was itself succeeded, once that day has come
   * (Asia/Ho_Chi_Minh).
   */
  async lineage(ctx: Ctx): Promise<{ predecessors: string[]; succeededOn: string | null }> {
    const own = ctx.requireTenant();
    const today = todayInVietnam();
    const all = await this.successions(ctx);
    return {
      predecessors: all.filter((s) => s.successorSlug === own).map((s) => s.predecessorSlug),
      succeededOn: all.find((s) => s.predecessorSlug === own && s.effectiveOn <= today)?.effectiveOn ?? null,
    };
  }

  async tenants(ctx: Ctx): Promise<{ slug: string; name: string }[]> {
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
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
          em.create(UnitClassificationEntity, {
            tenantId: tenant,
            unitId: unit.id,
            classification: c,
            source: `set by ${ctx.identity.subject}`,
            provenance: { kind: 'PROVINCE_SETTING', note: `Set by the province (${ctx.identity.subject}) through ${operation}` },
          });
        }
      }
    });
    ctx.loaders.classificationsOf.clear(unit.id);
    return unit;
  }
}

export const unitsService = new UnitsService();
