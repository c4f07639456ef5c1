import {
  addDays,
  DOCUMENT_YEARS,
  fold,
  isUuid,
  keysetPage,
  newId,
  optionalText,
  type PageArgs,
  provenanceProblems,
  type ProvenanceData,
  Reason,
  refuse,
  requiredText,
  type RequestContext,
  tenantWhere,
} from '@kn/platform';
import type { Loaders } from '../loaders.js';
import { AdminUnitEntity, UnitChangeEntity, UnitClassificationEntity, UnitSuccessionEntity } from '../units/entities.js';
import { splitName } from '../units/names.js';
import { UNIT_COLUMNS, toUnit, type UnitRow } from '../units/rows.js';
import { normaliseCode } from '../units/service.js';
import { CHANGE_COLUMNS, toChange, type ChangeRow } from './rows.js';
import {
  type NewUnitInput,
  type UnitChangeFilter,
  type UnitChangeInput,
  UnitChangeKind,
  UnitChangeOrdering,
  UnitLevel,
  type UnitRefInput,
} from './types.js';

type Ctx = RequestContext<Loaders>;
/** The write's transaction, as `ctx.write` hands it over. */
type EntityManager = Parameters<Parameters<Ctx['write']>[1]>[0];

/** At most this many changes in one `recordUnitChanges` (a resolution's annex fits; a national load is a seed). */
export const MAX_CHANGES = 200;
const MAX_UNITS = 50;

const validOn = (u: UnitRow, day: string) => (u.validFrom === null || u.validFrom <= day) && (u.validTo === null || u.validTo >= day);

/** A change checked without the database: its texts, day, provenance and the counts its kind needs. */
interface Checked {
  field: string;
  input: UnitChangeInput;
  level: 'COMMUNE' | 'DISTRICT';
  day: string;
  legalBasis: string;
  note: string | null;
  provenance: ProvenanceData | null;
}

function checkShape(input: UnitChangeInput, field: string): Checked {
  if (input.level === UnitLevel.PROVINCE) {
    throw refuse('A province’s change is a tenant succession, not a recorded unit change', `${field}.level`, Reason.INCONSISTENT);
  }
  const year = Number(input.effectiveOn.slice(0, 4));
  if (!(year >= DOCUMENT_YEARS.min && year <= DOCUMENT_YEARS.max)) {
    throw refuse(`\`${field}.effectiveOn\` must be within ${DOCUMENT_YEARS.min}–${DOCUMENT_YEARS.max}`, `${field}.effectiveOn`, Reason.YEAR_OUT_OF_RANGE);
  }
  const legalBasis = requiredText(input.legalBasis, `${field}.legalBasis`, 500);
  const note = optionalText(input.note, `${field}.note`, 2000);
  const preds = input.predecessors ?? [];
  const succs = input.successors ?? [];
  const news = input.newUnits ?? [];
  for (const [list, name] of [[preds, 'predecessors'], [succs, 'successors'], [news, 'newUnits']] as const) {
    if (list.length > MAX_UNITS) throw refuse(`\`${field}.${name}\` may have at most ${MAX_UNITS} units`, `${field}.${name}`, Reason.TOO_MANY, { max: MAX_UNITS });
  }
  if (preds.length === 0) throw refuse('A change needs the unit(s) it ends', `${field}.predecessors`, Reason.REQUIRED);
  const out = succs.length + news.length;
  const need = (ok: boolean, message: string, at: string) => {
    if (!ok) throw refuse(message, `${field}.${at}`, Reason.INCONSISTENT);
  };
  switch (input.kind) {
    case UnitChangeKind.MERGE:
      need(out === 1, 'A MERGE has exactly one successor (an existing unit in `successors` or one in `newUnits`)', 'successors');
      need(preds.length > 1 || succs.length === 1, 'One unit into one new unit is a RENAME, RECLASSIFY or TRANSFER, not a MERGE', 'predecessors');
      break;
    case UnitChangeKind.SPLIT:
      need(preds.length === 1, 'A SPLIT divides exactly one unit', 'predecessors');
      need(out >= 2, 'A SPLIT has at least two successors', 'successors');
      break;
    default:
      need(preds.length === 1, `A ${input.kind} changes exactly one unit`, 'predecessors');
      need(succs.length === 0 && news.length === 1, `A ${input.kind} makes exactly one new unit (\`newUnits\`), no existing successor`, 'newUnits');
  }
  let provenance: ProvenanceData | null = null;
  if (input.provenance) {
    const p = Object.fromEntries(Object.entries(input.provenance).filter(([, v]) => v != null)) as unknown as ProvenanceData;
    const problems = provenanceProblems(p);
    if (problems.length > 0) throw refuse(`\`${field}.provenance\`: ${problems.join('; ')}`, `${field}.provenance`, Reason.INCONSISTENT);
    provenance = p;
  }
  return { field, input, level: input.level as Checked['level'], day: input.effectiveOn, legalBasis, note, provenance };
}

export class UnitChangesService {
  /** One page of recorded changes with the total count, in ONE statement. */
  async list(ctx: Ctx, filter: UnitChangeFilter | null | undefined, page: PageArgs<keyof typeof UnitChangeOrdering.Field>) {
    ctx.authorize('communes.read');
    const w = tenantWhere('c', ctx.readTenants);
    const where = [w.sql];
    const params: unknown[] = [...w.params];
    if (filter?.kind) (where.push('c.kind = ?'), params.push(filter.kind));
    if (filter?.level) (where.push('c.level = ?'), params.push(filter.level));
    if (filter?.effectiveFrom) (where.push('c.effective_on >= ?::date'), params.push(filter.effectiveFrom));
    if (filter?.effectiveTo) (where.push('c.effective_on <= ?::date'), params.push(filter.effectiveTo));
    if (filter?.unitId != null) {
      // not an id of ours: no change names it
      where.push(`exists (select 1 from communes.unit_succession s where s.tenant_id = c.tenant_id and s.change_id = c.id
                    and ?::uuid in (s.predecessor_id, s.successor_id))`);
      params.push(isUuid(filter.unitId) ? filter.unitId : '00000000-0000-0000-0000-000000000000');
    }
    return keysetPage(await ctx.em(), {
      list: `select ${CHANGE_COLUMNS} from communes.unit_change c where ${where.join(' and ')}`,
      params,
      order: UnitChangeOrdering.resolve(page.orderBy),
      page,
      toNode: toChange,
    });
  }

  /** The units a change ended (`predecessors`) or that went on or began with it (`successors`), by code. */
  async members(ctx: Ctx, change: ChangeRow, role: 'predecessors' | 'successors'): Promise<UnitRow[]> {
    const links = await ctx.loaders.linksOfChange.load(change.id);
    const ids = [...new Set(links.map((l) => (role === 'predecessors' ? l.predecessorId : l.successorId)))];
    const units = await ctx.loaders.unitById.loadMany(ids);
    return units
      .filter((u): u is UnitRow => u != null && !(u instanceof Error))
      .sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  }

  /**
   * Records changes, in order, all or nothing: each ends its predecessors the day before its
   * `effectiveOn`, begins its new units on it, links predecessors to successors (the links name the
   * change) and gives the new units their predecessors' classifications. ONE audited write.
   */
  async record(ctx: Ctx, operation: string, inputs: UnitChangeInput[]): Promise<ChangeRow[]> {
    ctx.authorize('communes.recordChanges');
    const many = operation === 'recordUnitChanges';
    if (inputs.length === 0) throw refuse('Give at least one change', 'changes', Reason.REQUIRED);
    if (inputs.length > MAX_CHANGES) throw refuse(`At most ${MAX_CHANGES} changes at once`, 'changes', Reason.TOO_MANY, { max: MAX_CHANGES });
    const checked = inputs.map((input, i) => checkShape(input, many ? `changes[${i}]` : 'input'));
    const tenant = ctx.tenant;
    const subject = ctx.identity.subject;
    const ids = await ctx.write(operation, async (em) => {
      const out: string[] = [];
      const endedDistricts: { id: string; code: string; field: string }[] = [];
      for (const c of checked) {
        out.push(await this.apply(em, tenant, subject, operation, c, endedDistricts));
        await em.flush();
      }
      // a district that ended must not keep communes that go on: record their TRANSFER in the same call
      if (endedDistricts.length > 0) {
        const left = await em.execute(
          `select d.code as district, count(*)::int as n from communes.admin_unit u
             join communes.admin_unit d on d.tenant_id = u.tenant_id and d.id = u.parent_id
            where u.tenant_id = ? and u.level = 'COMMUNE' and u.valid_to is null and d.id = any(?::uuid[])
            group by d.code order by d.code`,
          [tenant, `{${endedDistricts.map((d) => d.id).join(',')}}`],
        );
        if (left.length > 0) {
          const d = endedDistricts.find((x) => x.code === left[0]!.district)!;
          throw refuse(
            `District ${d.code} ends but ${left[0]!.n} of its communes go on in it: record their TRANSFER (or merge) in the same recordUnitChanges`,
            d.field, Reason.UNITS_LEFT_BEHIND,
          );
        }
      }
      return out;
    });
    // the units and links changed: nothing cached in this request may answer from before
    ctx.loaders.unitById.clearAll();
    ctx.loaders.successorsOf.clearAll();
    ctx.loaders.predecessorsOf.clearAll();
    ctx.loaders.childrenOf.clearAll();
    const em = await ctx.em();
    const rows = await em.execute(`select ${CHANGE_COLUMNS} from communes.unit_change c where c.tenant_id = ? and c.id = any(?::uuid[])`, [
      tenant,
      `{${ids.join(',')}}`,
    ]);
    const byId = new Map(rows.map((r) => [r.id as string, toChange(r)]));
    return ids.map((id) => byId.get(id)!);
  }

  private async unit(em: EntityManager, tenant: string, level: string, ref: UnitRefInput, day: string, field: string): Promise<UnitRow> {
    if ((ref.id == null) === (ref.code == null)) throw refuse('Give exactly one of `id` or `code`', field, Reason.INCONSISTENT);
    let rows: Record<string, unknown>[];
    if (ref.id != null) {
      rows = isUuid(ref.id)
        ? await em.execute(`select ${UNIT_COLUMNS} from communes.admin_unit u where u.tenant_id = ? and u.id = ?`, [tenant, ref.id])
        : [];
    } else {
      rows = await em.execute(
        `select ${UNIT_COLUMNS} from communes.admin_unit u
          where u.tenant_id = ? and u.level = ? and u.code = ?
            and (u.valid_from is null or u.valid_from <= ?::date) and (u.valid_to is null or u.valid_to >= ?::date)
          order by u.id limit 1`,
        [tenant, level, normaliseCode(ref.code!, level as UnitRow['level']), day, day],
      );
    }
    const u = rows[0] ? toUnit(rows[0]) : null;
    if (!u || u.level !== level) throw refuse(`No ${level.toLowerCase()} ${ref.id ?? ref.code} valid on ${day} in your province`, field, Reason.UNKNOWN_UNIT);
    if (u.validTo !== null && u.validTo < day) throw refuse(`${u.fullName} (${u.code}) ended on ${u.validTo}`, field, Reason.UNIT_ENDED);
    if (!validOn(u, day)) throw refuse(`${u.fullName} (${u.code}) is not valid yet on ${day}`, field, Reason.UNIT_NOT_VALID);
    return u;
  }

  private async apply(
    em: EntityManager,
    tenant: string,
    subject: string,
    operation: string,
    c: Checked,
    endedDistricts: { id: string; code: string; field: string }[],
  ): Promise<string> {
    const { field, input, level, day } = c;
    const lastDay = addDays(day, -1);
    const preds: UnitRow[] = [];
    for (const [i, ref] of input.predecessors.entries()) {
      const u = await this.unit(em, tenant, level, ref, lastDay, `${field}.predecessors[${i}]`);
      if (u.validTo !== null) {
        throw refuse(`${u.fullName} (${u.code}) already ends on ${u.validTo}`, `${field}.predecessors[${i}]`, Reason.UNIT_ENDED);
      }
      if (preds.some((p) => p.id === u.id)) throw refuse('A unit is named twice', `${field}.predecessors[${i}]`, Reason.INCONSISTENT);
      preds.push(u);
    }
    const succs: UnitRow[] = [];
    for (const [i, ref] of (input.successors ?? []).entries()) {
      const u = await this.unit(em, tenant, level, ref, day, `${field}.successors[${i}]`);
      if (u.validTo !== null) throw refuse(`${u.fullName} (${u.code}) ends on ${u.validTo}`, `${field}.successors[${i}]`, Reason.UNIT_ENDED);
      if (preds.some((p) => p.id === u.id) || succs.some((s) => s.id === u.id)) {
        throw refuse('A unit cannot be both ended and continued, or named twice', `${field}.successors[${i}]`, Reason.INCONSISTENT);
      }
      succs.push(u);
    }
    const first = preds[0]!;
    const created: { row: UnitRow; kind: string }[] = [];
    for (const [i, n] of (input.newUnits ?? []).entries()) {
      created.push(await this.newUnit(em, tenant, level, n, first, preds, day, `${field}.newUnits[${i}]`));
    }
    // what the kind says the single new unit must differ in
    if (input.kind === UnitChangeKind.RENAME || input.kind === UnitChangeKind.RECLASSIFY || input.kind === UnitChangeKind.TRANSFER) {
      const n = created[0]!;
      const at = `${field}.newUnits[0]`;
      const firstKind = splitName(first.fullName, level).kind;
      if (input.kind === UnitChangeKind.RENAME && (n.kind !== firstKind || fold(n.row.fullName) === fold(first.fullName))) {
        throw refuse('A RENAME gives another name with the same unit word', `${at}.fullName`, Reason.INCONSISTENT);
      }
      if (input.kind === UnitChangeKind.RECLASSIFY && n.kind === firstKind) {
        throw refuse('A RECLASSIFY changes the unit word (e.g. Xã → Phường)', `${at}.fullName`, Reason.INCONSISTENT);
      }
      if (input.kind === UnitChangeKind.TRANSFER && (n.row.parentId === first.parentId || n.row.fullName !== first.fullName)) {
        throw refuse('A TRANSFER moves the unit, under its name, to another parent unit', `${at}.parentId`, Reason.INCONSISTENT);
      }
    }

    const changeId = newId();
    em.create(UnitChangeEntity, {
      tenantId: tenant,
      id: changeId,
      kind: input.kind,
      level,
      effectiveOn: day,
      legalBasis: c.legalBasis,
      provenance: (c.provenance ?? {
        kind: 'EXTERNAL',
        document: c.legalBasis,
        note: `Recorded by ${subject} through ${operation}.`,
      }) as unknown as Record<string, unknown>,
      note: c.note,
      recordedBy: subject,
      recordedAt: new Date(),
    });
    for (const p of preds) {
      const e = await em.findOneOrFail(AdminUnitEntity, { tenantId: tenant, id: p.id });
      e.validTo = lastDay;
      if (p.level === 'DISTRICT') endedDistricts.push({ id: p.id, code: p.code, field: `${field}.predecessors` });
    }
    for (const n of created) {
      const r = n.row;
      em.create(AdminUnitEntity, {
        tenantId: tenant, id: r.id, level: r.level, code: r.code, name: r.name, fullName: r.fullName, kind: r.kind,
        parentId: r.parentId, provinceId: r.provinceId, validFrom: day, validTo: null, searchKey: fold(r.fullName),
        latitude: null, longitude: null, locationSource: null,
      });
    }
    await em.flush(); // the units exist before the links that name them
    const successors = [...succs.map((s) => s.id), ...created.map((n) => n.row.id)];
    const linkKind = input.kind === UnitChangeKind.SPLIT ? 'SPLIT' : 'MERGE';
    for (const p of preds) {
      for (const s of successors) {
        em.create(UnitSuccessionEntity, { tenantId: tenant, predecessorId: p.id, successorId: s, kind: linkKind, changeId });
      }
    }
    // a new unit carries on its predecessors' classifications, saying where they come from
    if (created.length > 0) {
      const classes = await em.find(UnitClassificationEntity, { tenantId: tenant, unitId: { $in: preds.map((p) => p.id) } });
      for (const n of created) {
        for (const cls of [...new Set(classes.map((x) => x.classification))]) {
          const from = classes.filter((x) => x.classification === cls).map((x) => preds.find((p) => p.id === x.unitId)!);
          em.create(UnitClassificationEntity, {
            tenantId: tenant, unitId: n.row.id, classification: cls,
            source: `kế thừa từ ${from.map((f) => f.fullName).join(', ')} (${c.legalBasis})`,
            provenance: {
              kind: 'PROVINCE_SETTING',
              note: `Carried over from ${from.map((f) => `${f.fullName} (${f.code})`).join(', ')} by ${operation} (${subject}); the province must confirm it still applies.`,
            },
          });
        }
      }
    }
    return changeId;
  }

  private async newUnit(
    em: EntityManager,
    tenant: string,
    level: 'COMMUNE' | 'DISTRICT',
    n: NewUnitInput,
    first: UnitRow,
    preds: UnitRow[],
    day: string,
    field: string,
  ): Promise<{ row: UnitRow; kind: string }> {
    const code = n.code == null ? first.code : normaliseCode(n.code, level);
    const fullName = n.fullName == null ? first.fullName : requiredText(n.fullName, `${field}.fullName`, 200).replace(/\s+/g, ' ');
    let split: { name: string; kind: string };
    try {
      split = splitName(fullName, level);
    } catch {
      const words = level === 'COMMUNE' ? '"Xã", "Phường", "Thị trấn" or "Đặc khu"' : '"Huyện", "Thị xã", "Thành phố" or "Quận"';
      throw refuse(`A ${level.toLowerCase()}'s full name starts with its unit word (${words})`, `${field}.fullName`, Reason.INVALID_FORMAT);
    }
    if (split.name.length === 0) throw refuse('The name after the unit word is empty', `${field}.fullName`, Reason.REQUIRED);
    let parent: UnitRow | null = null;
    if (n.parentId != null) {
      const rows = isUuid(n.parentId)
        ? await em.execute(`select ${UNIT_COLUMNS} from communes.admin_unit u where u.tenant_id = ? and u.id = ?`, [tenant, n.parentId])
        : [];
      parent = rows[0] ? toUnit(rows[0]) : null;
      const allowed = level === 'COMMUNE' ? ['DISTRICT', 'PROVINCE'] : ['PROVINCE'];
      if (!parent || !allowed.includes(parent.level)) throw refuse(`No ${allowed.join(' or ').toLowerCase()} ${n.parentId} in your province`, `${field}.parentId`, Reason.UNKNOWN_UNIT);
    } else if (first.parentId) {
      const rows = await em.execute(`select ${UNIT_COLUMNS} from communes.admin_unit u where u.tenant_id = ? and u.id = ?`, [tenant, first.parentId]);
      parent = rows[0] ? toUnit(rows[0]) : null;
    }
    if (!parent) throw refuse('Give the unit it lies in', `${field}.parentId`, Reason.REQUIRED);
    if (!validOn(parent, day) || (parent.validTo !== null && parent.validTo < day)) {
      throw refuse(`${parent.fullName} (${parent.code}) is not valid on ${day}: give the unit it lies in from then`, `${field}.parentId`, Reason.UNIT_NOT_VALID);
    }
    const clash = await em.execute(
      `select u.id from communes.admin_unit u where u.tenant_id = ? and u.level = ? and u.code = ?
          and (u.valid_to is null or u.valid_to >= ?::date) and not (u.id = any(?::uuid[])) limit 1`,
      [tenant, level, code, day, `{${preds.map((p) => p.id).join(',')}}`],
    );
    if (clash.length > 0) throw refuse(`Code ${code} is in use by another ${level.toLowerCase()} on ${day}`, `${field}.code`, Reason.CODE_IN_USE);
    const provinceId = parent.level === 'PROVINCE' ? parent.id : parent.provinceId;
    return {
      kind: split.kind,
      row: {
        tenantId: tenant, id: newId(), level, code, name: split.name, fullName, kind: split.kind, parentId: parent.id, provinceId,
        validFrom: day, validTo: null, latitude: null, longitude: null, locationSource: null,
      },
    };
  }
}

export const unitChangesService = new UnitChangesService();
